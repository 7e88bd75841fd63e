using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Shared;
using TeleSurv.Portal.Web.Localization;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Components;

public sealed class SharedMarkupTests : PortalComponentTest
{
    private IStringLocalizer Localizer => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public void A_badge_is_one_string_shared_by_every_row_and_page_of_a_language()
    {
        var first = PriorityBadge.Of(AlertPriority.Urgent, Localizer);
        var again = PriorityBadge.Of(AlertPriority.Urgent, Localizer);

        Assert.Same(first.Value, again.Value);
        Assert.Same(GradeBadge.Of(2, GradeScale.Composite, Localizer).Value, GradeBadge.Of(2, GradeScale.Composite, Localizer).Value);
        Assert.Same(InlineIcon.Small(MudBlazor.Icons.Material.Filled.TrendingUp).Value, InlineIcon.Small(MudBlazor.Icons.Material.Filled.TrendingUp).Value);
        Assert.NotSame(first.Value, PriorityBadge.Of(AlertPriority.High, Localizer).Value);
    }

    [Fact]
    public void Each_language_has_its_own_markup()
    {
        var french = PriorityBadge.Of(AlertPriority.Urgent, Localizer).Value;

        UseCulture("en-GB");
        var english = PriorityBadge.Of(AlertPriority.Urgent, Localizer).Value;

        Assert.Contains(">Urgente<", french, StringComparison.Ordinal);
        Assert.Contains(">Urgent<", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_written_into_shared_markup_is_escaped_and_an_unknown_symptom_is_written_as_its_key_not_kept()
    {
        var unknown = SymptomName.Of("<img src=x onerror=alert(1)>");

        var rendered = Render(builder => builder.AddContent(0, unknown));

        Assert.Empty(rendered.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)>", rendered.Find(".symptom-name").TextContent);
        Assert.Equal("<img src=x onerror=alert(1)>", rendered.Find(".symptom-name").GetAttribute("data-item"));
        Assert.NotSame(unknown.Value, SymptomName.Of("<img src=x onerror=alert(1)>").Value);
    }

    [Fact]
    public void The_same_reason_on_two_rows_is_one_string_and_a_different_value_another()
    {
        var fever = new AlertReason(AlertRule.SuspectedFebrileNeutropenia, null, null, null, 38.6m, 1);

        var first = AlertReasonLabel.Of(fever, Localizer);
        var again = AlertReasonLabel.Of(fever with { }, Localizer);
        var hotter = AlertReasonLabel.Of(fever with { Value = 39.1m }, Localizer);

        Assert.Same(first.Value, again.Value);
        Assert.NotSame(first.Value, hotter.Value);
        Assert.Contains("38,6 °C", first.Value, StringComparison.Ordinal);
        Assert.Contains("39,1 °C", hotter.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Combinations_are_kept_up_to_their_bound_then_built_for_each_caller()
    {
        var cache = new BoundedMarkupCache(capacity: 2);
        var first = cache.Get("reason", "a", "a", Bold);
        cache.Get("reason", "b", "b", Bold);

        var beyond = cache.Get("reason", "c", "c", Bold);
        var beyondAgain = cache.Get("reason", "c", "c", Bold);

        Assert.Equal(2, cache.Count);
        Assert.Same(first.Value, cache.Get("reason", "a", "other", Bold).Value);
        Assert.Equal("<b>a</b>", first.Value);
        Assert.Equal("<b>c</b>", beyond.Value);
        Assert.Equal(beyond.Value, beyondAgain.Value);
        Assert.NotSame(beyond.Value, beyondAgain.Value);
    }

    private static string Bold(string text) => $"<b>{text}</b>";
}

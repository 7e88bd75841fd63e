using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

/// <summary>The history of an alert's acts: a timeline whose summaries speak the user's language.</summary>
public sealed class ActionHistoryTests : PortalComponentTest
{
    private static readonly AlertActionView Call = new(
        Guid.CreateVersion7(), TriageActionKind.PhoneCall, new DateTime(2026, 12, 7, 8, 10, 0, DateTimeKind.Utc), Guid.CreateVersion7(), "Julien Bernard",
        StaffRole.Ide, new("Appel : patient joint", "Call: patient reached"), "Nausées depuis deux jours.", null);

    private static readonly AlertActionView Referral = new(
        Guid.CreateVersion7(), TriageActionKind.EmergencyReferral, new DateTime(2026, 12, 7, 8, 30, 0, DateTimeKind.Utc), Guid.CreateVersion7(), "Julien Bernard",
        StaffRole.Ide, new("Orientation aux urgences : fièvre 39 °C", "Referred to the emergency department: fièvre 39 °C"), "fièvre 39 °C", null);

    public ActionHistoryTests()
    {
        Services.AddSingleton(Options.Create(new ScheduleOptions()));
    }

    [Theory]
    [InlineData("fr-FR", "Appel : patient joint", "IDE")]
    [InlineData("en-GB", "Call: patient reached", "Nurse (IDE)")]
    public void Each_act_shows_its_summary_who_and_when_in_the_user_s_language(string culture, string summary, string role)
    {
        UseCulture(culture);

        var history = Render<ActionHistory>(parameters => parameters.Add(p => p.Actions, [Call, Referral]));

        var items = history.FindAll(".mud-timeline-item");
        Assert.Equal(2, items.Count);
        var call = history.Find("[data-action-kind='PhoneCall']");
        Assert.Equal(summary, call.QuerySelector(".history-summary")!.TextContent.Trim());
        Assert.Contains($"Julien Bernard ({role})", call.QuerySelector(".history-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026", call.QuerySelector(".history-meta time")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(items[0].QuerySelector("svg.mud-icon-root"));
        Assert.Empty(history.FindAll(".bi"));
    }

    [Fact]
    public void A_note_already_in_the_summary_is_not_said_twice_and_one_that_is_not_shows_under_it()
    {
        var history = Render<ActionHistory>(parameters => parameters.Add(p => p.Actions, [Call, Referral]));

        Assert.Equal("Nausées depuis deux jours.", history.Find("[data-action-kind='PhoneCall'] .history-note").TextContent.Trim());
        Assert.Empty(history.FindAll("[data-action-kind='EmergencyReferral'] .history-note"));
    }

    [Fact]
    public void The_emergency_referral_stands_out_in_the_history_as_among_the_acts()
    {
        var history = Render<ActionHistory>(parameters => parameters.Add(p => p.Actions, [Call, Referral]));

        var items = history.FindAll(".mud-timeline-item");
        Assert.NotNull(items[1].QuerySelector(".mud-timeline-item-dot-inner.mud-timeline-dot-error"));
        Assert.Null(items[0].QuerySelector(".mud-timeline-dot-error"));
        Assert.Equal(AlertActionPanel.ActIcon(TriageActionKind.EmergencyReferral), ActionHistory.Icon(TriageActionKind.EmergencyReferral));
        Assert.NotEqual(ActionHistory.Icon(TriageActionKind.Claim), ActionHistory.Icon(TriageActionKind.Release));
    }

    [Fact]
    public void No_act_yet_says_so()
    {
        UseCulture("en-GB");

        var history = Render<ActionHistory>(parameters => parameters.Add(p => p.Actions, []));

        Assert.Equal("No action yet.", history.Find(".history-empty").TextContent.Trim());
        Assert.Empty(history.FindAll(".mud-timeline"));
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

public sealed partial class AlertQueueTableTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Nurse = Guid.CreateVersion7();

    private static AlertQueueRow Row(
        AlertStatus status = AlertStatus.Open, bool overdue = false, Guid? holderId = null, string? holderName = null, bool worsened = true) => new(
        Guid.CreateVersion7(), AlertPriority.Urgent, AlertKind.Response, status, Guid.CreateVersion7(), Guid.CreateVersion7(),
        "ROUSSEAU Hélène", 67, "10482913", "nausea", 3, worsened, Now.AddHours(-5),
        overdue ? Now.AddHours(-1) : Now.AddHours(3), overdue, holderId, holderName, Guid.CreateVersion7())
    {
        Reason = new AlertReason(AlertRule.SevereSymptom, "nausea", 3, 1, null, 0),
    };

    private static ComponentTestContext Context(string culture = "fr-FR") =>
        new(culture: culture, configure: services => services.AddSingleton<TimeProvider>(new FixedTime(Now)));

    private static Task<string> RenderAsync(ComponentTestContext context, bool actions, params AlertQueueRow[] rows) =>
        context.RenderReadableAsync<AlertQueueTable>(new Dictionary<string, object?>
        {
            [nameof(AlertQueueTable.Rows)] = rows,
            [nameof(AlertQueueTable.ShowActions)] = actions,
            [nameof(AlertQueueTable.UserId)] = Nurse,
            [nameof(AlertQueueTable.UserRole)] = StaffRole.Ide,
        });

    [Fact]
    public async Task A_row_shows_priority_in_words_patient_worst_finding_times_status_and_links_to_the_alert()
    {
        await using var context = Context();
        var row = Row();

        var html = await RenderAsync(context, actions: true, row);

        Assert.Contains("data-priority=\"Urgent\"", html, StringComparison.Ordinal);
        Assert.Contains("<span>Urgente</span>", html, StringComparison.Ordinal);
        Assert.Contains(PortalTheme.Priority(AlertPriority.Urgent).Icon, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"alerts/{row.AlertId}\"", html, StringComparison.Ordinal);
        Assert.Contains("ROUSSEAU Hélène", html, StringComparison.Ordinal);
        Assert.Contains("67 ans · IPP 10482913", html, StringComparison.Ordinal);
        Assert.Contains("Nausées", html, StringComparison.Ordinal);
        Assert.Contains("data-grade=\"3\"", html, StringComparison.Ordinal);
        Assert.Contains("data-worsened", html, StringComparison.Ordinal);
        Assert.Contains("il y a 5 h", html, StringComparison.Ordinal);
        Assert.Contains("dans 3 h", html, StringComparison.Ordinal);
        Assert.Contains("Nouvelle", html, StringComparison.Ordinal);
        Assert.Contains("data-action=\"claim\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("is-overdue", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_urgent_for_its_fever_is_shown_for_the_fever_with_the_count_of_its_other_findings()
    {
        await using var context = Context();
        var row = Row() with { Reason = new AlertReason(AlertRule.SuspectedFebrileNeutropenia, null, null, null, 38.6m, 3) };

        var html = await RenderAsync(context, actions: true, row);

        Assert.Contains("data-reason-rule=\"SuspectedFebrileNeutropenia\"", html, StringComparison.Ordinal);
        Assert.Contains("Suspicion de neutropénie fébrile", html, StringComparison.Ordinal);
        Assert.Contains("38,6 °C", html, StringComparison.Ordinal);
        Assert.Contains("data-more-findings=\"3\"", html, StringComparison.Ordinal);
        Assert.Contains("+3", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nausées", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdue_row_is_marked_in_red_and_in_words()
    {
        await using var context = Context();

        var html = await RenderAsync(context, actions: false, Row(overdue: true));

        Assert.Contains("class=\"is-overdue\"", html, StringComparison.Ordinal);
        Assert.Matches(OverdueTime(), html);
        Assert.Contains("(délai dépassé)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claimed_row_shows_who_holds_it_and_offers_its_holder_the_release()
    {
        await using var context = Context();
        var mine = Row(AlertStatus.InProgress, holderId: Nurse, holderName: "Julien Bernard");
        var theirs = Row(AlertStatus.InProgress, holderId: Guid.CreateVersion7(), holderName: "Claire Martin");

        var html = await RenderAsync(context, actions: true, mine, theirs);

        Assert.Contains("data-claimed-by=\"Julien Bernard\"", html, StringComparison.Ordinal);
        Assert.Contains("data-claimed-by=\"Claire Martin\"", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "data-action=\"release\""));
        Assert.DoesNotContain("data-action=\"claim\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_circuit_the_rows_offer_no_buttons()
    {
        await using var context = Context();

        var html = await RenderAsync(context, actions: false, Row());

        Assert.DoesNotContain("<button", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speaks_english()
    {
        await using var context = Context("en-GB");

        var html = await RenderAsync(context, actions: true, Row(overdue: true));

        Assert.Contains("<span>Urgent</span>", html, StringComparison.Ordinal);
        Assert.Contains("Nausea", html, StringComparison.Ordinal);
        Assert.Contains("overdue by 1 h", html, StringComparison.Ordinal);
        Assert.Contains("</i> Claim", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<time [^>]*class=\"overdue\"[^>]*>en retard de 1 h</time>")]
    private static partial Regex OverdueTime();

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}

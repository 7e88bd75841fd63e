using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>
/// Shapes the demo's work in progress so that a newcomer finds a living queue. Alerts older than a few days have
/// been handled; the recent ones are still open, a few being handled, a couple waiting for the oncologist, and in
/// each establishment the latest alert of every priority is open. Only how far the nurses got is chosen here; the
/// alerts and their priorities are the rules engine's.
/// </summary>
internal sealed class DemoQueue(SeedContext context, TriageSimulator triage)
{
    private const int Escalations = 2;

    private const int InProgress = 3;

    /// <summary>Alerts raised since then are not handled yet, unless urgent and already dealt with.</summary>
    private static readonly TimeSpan Recent = TimeSpan.FromDays(5);

    /// <summary>At Rivemont, whose queue the tour starts with, an older alert stays open when a priority has no recent one.</summary>
    private static readonly TimeSpan RivemontOpenWindow = TimeSpan.FromDays(12);

    public void Arrange(List<TriagePlan> plans)
    {
        var random = new Random(SeedContext.Mix(context.RandomSeed, 0x0DE0));
        var anchor = context.Anchor;
        var rivemont = context.Organisation.Rivemont.Id;

        var latest = plans
            .Where(p => p.Alert.RaisedAt > anchor - (p.Alert.EstablishmentId == rivemont ? RivemontOpenWindow : Recent))
            .GroupBy(p => (p.Alert.EstablishmentId, p.Alert.Priority))
            .Select(g => g.MaxBy(p => p.Alert.RaisedAt)!)
            .ToList();
        foreach (var plan in latest)
        {
            triage.Replan(plan, TriageFlow.Untouched, random);
        }

        var recent = plans
            .Where(p => p.Alert.RaisedAt > anchor - Recent && !latest.Contains(p))
            .OrderByDescending(p => p.Alert.RaisedAt)
            .ToList();
        // A couple of symptom alerts wait for the oncologist, the most severe first.
        var escalated = recent
            .Where(p => p.Alert.EstablishmentId != context.Organisation.Bellerive.Id && p.Alert.RaisedAt < anchor.AddHours(-6))
            .Where(p => p.Alert.Findings.Any(f => f.Rule is AlertRule.SevereSymptom or AlertRule.WorseningSymptom))
            .OrderByDescending(p => p.Alert.Findings.Any(f => f.Rule == AlertRule.SevereSymptom))
            .ThenByDescending(p => p.Alert.RaisedAt)
            .Take(Escalations)
            .ToList();
        // A few of the older ones are being handled: claimed, the patient not reached yet.
        var handled = recent
            .Where(p => !escalated.Contains(p) && p.Alert.RaisedAt < anchor.AddHours(-6))
            .Where(p => p.Alert.Priority != AlertPriority.Urgent)
            .OrderBy(p => p.Alert.EstablishmentId == context.Organisation.Bellerive.Id)
            .ThenBy(p => p.Alert.RaisedAt)
            .Take(InProgress)
            .ToList();

        foreach (var plan in recent)
        {
            if (escalated.Contains(plan))
            {
                triage.Replan(plan, TriageFlow.AwaitingOncologist, random);
            }
            else if (handled.Contains(plan))
            {
                triage.Replan(plan, TriageFlow.ClaimedOnly, random);
            }
            else if (plan.Alert.Priority != AlertPriority.Urgent || plan.StatusAt(anchor) != AlertStatus.Resolved)
            {
                triage.Replan(plan, TriageFlow.Untouched, random);
            }
        }
    }
}

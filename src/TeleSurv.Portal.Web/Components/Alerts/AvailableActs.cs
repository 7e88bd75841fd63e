using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Web.Components.Alerts;

/// <summary>
/// The acts the alert page offers a user, from the alert's state and the user's role: the same rules the commands
/// enforce (docs/triage-workflow.md), so that the page does not offer what would be refused.
/// </summary>
public static class AvailableActs
{
    private static readonly TriageActionKind[] Care =
    [
        TriageActionKind.PhoneCall,
        TriageActionKind.Advice,
        TriageActionKind.MedicationSuggested,
        TriageActionKind.GradeConfirmed,
        TriageActionKind.ConsultationScheduled,
        TriageActionKind.EmergencyReferral,
    ];

    /// <param name="canConfirmGrade">The alert has a finding about a symptom, whose grade can be confirmed.</param>
    /// <param name="reportWithdrawn">The resolved alert's report was withdrawn: it takes no correction any more.</param>
    public static IReadOnlyList<TriageActionKind> For(AlertStatus status, StaffRole? role, bool canConfirmGrade, bool reportWithdrawn = false)
    {
        if (role is not (StaffRole.Ide or StaffRole.Ipa or StaffRole.Oncologist))
        {
            return [];
        }

        if (status == AlertStatus.Resolved)
        {
            return reportWithdrawn ? [] : [TriageActionKind.Correction];
        }

        var acts = Care.Where(kind => kind != TriageActionKind.GradeConfirmed || canConfirmGrade).ToList();
        if (role == StaffRole.Oncologist)
        {
            acts.Add(status == AlertStatus.Escalated ? TriageActionKind.OncologistDecision : TriageActionKind.Resolution);
        }
        else if (status != AlertStatus.Escalated)
        {
            acts.Add(TriageActionKind.Escalation);
            acts.Add(TriageActionKind.Resolution);
        }

        return acts;
    }

    /// <summary>A nurse claims an open alert nobody holds.</summary>
    public static bool CanClaim(AlertStatus status, Guid? holderId, StaffRole? role) =>
        role is StaffRole.Ide or StaffRole.Ipa && status == AlertStatus.Open && holderId is null;

    /// <summary>The nurse who holds an alert in progress hands it back.</summary>
    public static bool CanRelease(AlertStatus status, Guid? holderId, Guid? userId) =>
        status == AlertStatus.InProgress && holderId is not null && holderId == userId;

    /// <summary>
    /// Where the page shows an act: contacting the patient, clinical acts, orientation, closing. The emergency
    /// referral is orientation, shown apart from the others so that it is never picked for a neighbour.
    /// </summary>
    public static ActGroup GroupOf(TriageActionKind kind) => kind switch
    {
        TriageActionKind.PhoneCall or TriageActionKind.Advice => ActGroup.Contact,
        TriageActionKind.MedicationSuggested or TriageActionKind.GradeConfirmed or TriageActionKind.ConsultationScheduled => ActGroup.Clinical,
        TriageActionKind.EmergencyReferral or TriageActionKind.Escalation or TriageActionKind.OncologistDecision => ActGroup.Orientation,
        TriageActionKind.Resolution or TriageActionKind.Correction => ActGroup.Close,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Claiming and releasing are not acts of the panel."),
    };
}

/// <summary>The groups of acts on the alert page, in the order they show.</summary>
public enum ActGroup
{
    Contact,
    Clinical,
    Orientation,
    Close,
}

namespace TeleSurv.Portal.Domain.Adt;

public enum MovementStatus
{
    Active = 0,

    /// <summary>Cancelled by the sender (A11, A12, A13, A38, A52, A53, A55, or A06/A07 with ZBE-4 CANCEL).</summary>
    Cancelled = 1,
}

/// <summary>
/// A movement of a patient notified by the hospital (IHE PAM France ITI-31, ZBE segment): admission, transfer,
/// discharge, leave, change of class. Known by its ZBE-1 identifier, which the sender never reuses.
/// </summary>
public sealed class AdtMovement : Entity
{
    public Guid PatientId { get; set; }

    /// <summary>ZBE-1.1, the sender's movement identifier.</summary>
    public required string MovementId { get; init; }

    /// <summary>ZBE-1.2, namespace of the identifier (empty when absent).</summary>
    public required string MovementAuthority { get; init; }

    /// <summary>The event that notified it (A01, A02…), which Z99 and cancellations name in ZBE-6.</summary>
    public required string Trigger { get; init; }

    /// <summary>ZBE-2: when the movement took (or takes) effect, UTC.</summary>
    public DateTime At { get; set; }

    /// <summary>ZBE-5: the movement was notified after a later one (historic movement).</summary>
    public bool Historic { get; set; }

    /// <summary>ZBE-9 nature (S, H, M, L, D, SM…): which responsibilities changed.</summary>
    public string? Nature { get; set; }

    public PatientClass PatientClass { get; set; }

    /// <summary>PV1-19.1 visit (venue) number.</summary>
    public string? VisitNumber { get; set; }

    /// <summary>PV1-3.1: unité fonctionnelle d'hébergement.</summary>
    public string? LodgingUnit { get; set; }

    /// <summary>ZBE-7.10: unité fonctionnelle de responsabilité médicale.</summary>
    public string? MedicalUnitCode { get; set; }

    /// <summary>ZBE-7.1: its label.</summary>
    public string? MedicalUnitName { get; set; }

    /// <summary>ZBE-8.10: unité fonctionnelle de responsabilité de soins.</summary>
    public string? CareUnitCode { get; set; }

    /// <summary>ZBE-8.1: its label.</summary>
    public string? CareUnitName { get; set; }

    public MovementStatus Status { get; set; }

    /// <summary>The event that cancelled it.</summary>
    public string? CancelledBy { get; set; }

    public DateTime RecordedAt { get; init; }

    /// <summary>Last time a message changed it (Z99, cancellation).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>How many Z99 updates it received.</summary>
    public int Revisions { get; set; }

    /// <summary>Journal row of the last message that changed it.</summary>
    public Guid LastMessageId { get; set; }

    /// <summary>Cancels the movement; false when it already was (a resent cancellation changes nothing).</summary>
    public bool Cancel(string cancelTrigger, DateTime now, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(cancelTrigger);
        if (Status == MovementStatus.Cancelled)
        {
            return false;
        }

        Status = MovementStatus.Cancelled;
        CancelledBy = cancelTrigger;
        UpdatedAt = now;
        LastMessageId = messageId;
        return true;
    }
}

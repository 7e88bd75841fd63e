using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>
/// The report of a telemonitoring act ("compte rendu", R.6316-4), written when an alert is resolved and never
/// changed afterwards: an action added after resolution writes a new version that corrects the previous one.
/// <see cref="Content"/> keeps what the report says as data (for the HL7 ORU message), <see cref="Text"/> the
/// French text a clinician reads.
/// </summary>
public sealed class AlertReport : Entity
{
    public Guid AlertId { get; init; }

    /// <summary>The patient; follows an identity merge like the alert does.</summary>
    public Guid PatientId { get; set; }

    public Guid EstablishmentId { get; init; }

    /// <summary>1 for the report written at resolution, then 2, 3… for each correction, and one more for a withdrawal.</summary>
    public int VersionNumber { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The professional whose act wrote this version (the resolution, the correction or the withdrawal).</summary>
    public Guid CreatedById { get; init; }

    public required string CreatedByName { get; init; }

    public StaffRole CreatedByRole { get; init; }

    /// <summary>What the correction added, for a version above 1.</summary>
    public string? CorrectionNote { get; init; }

    /// <summary>Why the report was withdrawn, for the version that withdraws it (the last one); null otherwise.</summary>
    public string? WithdrawalReason { get; init; }

    /// <summary>The report as JSON (<see cref="AlertReportContent"/>).</summary>
    public required string Content { get; init; }

    /// <summary>The report as plain French text.</summary>
    public required string Text { get; init; }

    public bool IsCorrection => VersionNumber > 1 && !IsWithdrawal;

    /// <summary>This version withdraws the report: nothing can follow it.</summary>
    public bool IsWithdrawal => WithdrawalReason is not null;
}

namespace TeleSurv.Portal.Application.ExpectedLevels;

/// <summary>
/// An expected level as clinicians see it: up to which composite grade a symptom of one enrollment does not
/// alert, until when, set by whom and why.
/// </summary>
public sealed record ExpectedLevelRow(
    Guid ExpectedLevelId,
    Guid EnrollmentId,
    string ItemKey,
    int MaxGrade,
    DateTime From,
    DateTime Until,
    string? Reason,
    Guid SetById,
    string? SetByName,
    DateTime? CancelledAt);

namespace TeleSurv.Portal.Domain.Alerts.Rules;

/// <summary>The rules' verdict: one alert listing every finding that fired, most urgent first.</summary>
public sealed class AlertDecision
{
    public required AlertKind Kind { get; init; }

    /// <summary>The most urgent priority among the findings.</summary>
    public required AlertPriority Priority { get; init; }

    public required IReadOnlyList<AlertFinding> Findings { get; init; }

    /// <summary>Item of the worst symptom finding (highest grade); null when no symptom finding fired.</summary>
    public string? WorstItemKey { get; init; }

    public int? WorstGrade { get; init; }

    /// <summary>A symptom finding's grade rose since the previous answered week.</summary>
    public bool Worsened { get; init; }

    public required string RulesVersion { get; init; }

    /// <summary>The alert to store, open, with its SLA due time.</summary>
    /// <param name="responseId">The response that raised it; null for a missed week.</param>
    /// <param name="weekDueDate">Due date of the week concerned.</param>
    /// <param name="raisedAt">When it is raised (UTC).</param>
    public Alert CreateAlert(
        Guid patientId, Guid enrollmentId, Guid establishmentId, Guid? responseId, DateOnly weekDueDate,
        DateTime raisedAt, SlaPolicy sla)
    {
        ArgumentNullException.ThrowIfNull(sla);
        if ((Kind == AlertKind.Response) != responseId.HasValue)
        {
            throw new ArgumentException("A response alert names its response; a missed-week alert has none.", nameof(responseId));
        }

        return new Alert
        {
            PatientId = patientId,
            EnrollmentId = enrollmentId,
            EstablishmentId = establishmentId,
            ResponseId = responseId,
            Kind = Kind,
            Priority = Priority,
            Status = AlertStatus.Open,
            RaisedAt = raisedAt,
            SlaDueAt = sla.DueAt(raisedAt, Priority),
            WeekDueDate = weekDueDate,
            WorstItemKey = WorstItemKey,
            WorstGrade = WorstGrade,
            Worsened = Worsened,
            RulesVersion = RulesVersion,
            Findings = [.. Findings],
        };
    }
}

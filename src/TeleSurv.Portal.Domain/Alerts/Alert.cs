namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>One alert per response (or per missed week), listing every finding that triggered it.</summary>
public sealed class Alert : Entity
{
    public Guid PatientId { get; set; }

    public Guid EnrollmentId { get; init; }

    public Guid EstablishmentId { get; init; }

    /// <summary>Response that raised the alert; null for a non-responder alert.</summary>
    public Guid? ResponseId { get; init; }

    public AlertKind Kind { get; init; }

    public AlertPriority Priority { get; set; }

    public AlertStatus Status { get; set; }

    public DateTime RaisedAt { get; init; }

    /// <summary>When the alert must have been handled, from the SLA target of its priority.</summary>
    public DateTime SlaDueAt { get; set; }

    /// <summary>Due date of the week concerned (the answered week, or the missed one).</summary>
    public DateOnly WeekDueDate { get; init; }

    public Guid? ClaimedById { get; set; }

    public DateTime? ClaimedAt { get; set; }

    /// <summary>When the first act for the patient was recorded (a call, advice…); claiming or releasing is not one.</summary>
    public DateTime? FirstActionAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    /// <summary>Item key of the worst finding, kept on the row so the queue needs no join to show it.</summary>
    public string? WorstItemKey { get; set; }

    public int? WorstGrade { get; set; }

    /// <summary>At least one finding worsened since the previous answered week.</summary>
    public bool Worsened { get; set; }

    /// <summary>Version of the alert rules configuration that raised the alert.</summary>
    public required string RulesVersion { get; init; }

    public List<AlertFinding> Findings { get; init; } = [];

    /// <summary>Optimistic concurrency token, renewed on every change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOverdueAt(DateTime now) => Status != AlertStatus.Resolved && now > SlaDueAt;
}

/// <summary>What triggered an alert: the rule, the answers behind it, and the grades compared.</summary>
public sealed class AlertFinding
{
    public AlertRule Rule { get; init; }

    /// <summary>PRO-CTCAE item key, for symptom findings.</summary>
    public string? ItemKey { get; init; }

    public int? Grade { get; init; }

    public int? PreviousGrade { get; init; }

    /// <summary>Measured value (temperature in °C).</summary>
    public decimal? Value { get; init; }

    public AlertPriority Priority { get; init; }
}

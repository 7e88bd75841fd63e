namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>A patient's answers for one scheduled week, with the grades computed when it was received.</summary>
public sealed class QuestionnaireResponse : Entity
{
    public Guid EnrollmentId { get; init; }

    public Guid PatientId { get; set; }

    public Guid QuestionnaireId { get; init; }

    /// <summary>Due date of the scheduled week this response belongs to (one response per week).</summary>
    public DateOnly WeekDueDate { get; init; }

    public DateTime SubmittedAt { get; init; }

    public decimal? TemperatureCelsius { get; init; }

    public decimal? WeightKg { get; init; }

    /// <summary>The patient answered that this needs attention today.</summary>
    public bool PatientUrgent { get; init; }

    public string? Comment { get; init; }

    /// <summary>Version of the composite grading table used for the grades below.</summary>
    public required string GradingTableVersion { get; init; }

    /// <summary>Hash of the submitted content, so that a resubmission of the same answers is recognised.</summary>
    public required string ContentHash { get; init; }

    public List<ItemAnswer> Answers { get; init; } = [];
}

/// <summary>Raw 0-4 attribute scores of one PRO-CTCAE item, and the composite grade computed from them.</summary>
public sealed class ItemAnswer
{
    public required string ItemKey { get; init; }

    public int? Frequency { get; init; }

    public int? Severity { get; init; }

    public int? Interference { get; init; }

    /// <summary>Answer of a presence (yes/no) item.</summary>
    public bool? Present { get; init; }

    /// <summary>Composite grade 0-3; null for presence items.</summary>
    public int? CompositeGrade { get; init; }
}

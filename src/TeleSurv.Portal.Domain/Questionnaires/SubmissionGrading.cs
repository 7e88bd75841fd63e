using System.Diagnostics.CodeAnalysis;
using TeleSurv.Portal.Domain.Grading;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>Outcome of checking and grading a submission: either errors, or the graded result.</summary>
public sealed class SubmissionGrading
{
    private SubmissionGrading(IReadOnlyList<SubmissionError> errors, GradedSubmission? result)
    {
        Errors = errors;
        Result = result;
    }

    public IReadOnlyList<SubmissionError> Errors { get; }

    public GradedSubmission? Result { get; }

    [MemberNotNullWhen(true, nameof(Result))]
    public bool IsValid => Result is not null;

    internal static SubmissionGrading Failed(IReadOnlyList<SubmissionError> errors) => new(errors, null);

    internal static SubmissionGrading Succeeded(GradedSubmission result) => new([], result);
}

/// <summary>A problem with a submission: a stable code, the field concerned (JSON path), and an English message.</summary>
public sealed record SubmissionError(string Code, string Field, string Message);

/// <summary>Stable error codes of <see cref="SubmissionError"/>; clients may rely on them.</summary>
public static class SubmissionErrorCodes
{
    /// <summary>An item key the questionnaire does not have.</summary>
    public const string UnknownItem = "unknown_item";

    /// <summary>An item, an attribute that branching asks, or a required question was not answered.</summary>
    public const string MissingAnswer = "missing_answer";

    /// <summary>A PRO-CTCAE score outside 0-4.</summary>
    public const string ScoreOutOfRange = "score_out_of_range";

    /// <summary>An answer to an attribute the item does not have (e.g. frequency for a severity-only item).</summary>
    public const string AttributeNotInItem = "attribute_not_in_item";

    /// <summary>An answer to an attribute that NCI branching does not ask, given the answer before it.</summary>
    public const string SkippedByBranching = "skipped_by_branching";

    /// <summary>A temperature or weight outside its plausible range.</summary>
    public const string ValueOutOfRange = "value_out_of_range";

    /// <summary>A comment longer than the questionnaire allows.</summary>
    public const string TooLong = "too_long";
}

/// <summary>Field names used in <see cref="SubmissionError.Field"/>: the JSON names of <see cref="QuestionnaireSubmission"/>.</summary>
public static class SubmissionFields
{
    public const string TemperatureCelsius = "temperatureCelsius";

    public const string WeightKg = "weightKg";

    public const string PatientUrgent = "patientUrgent";

    public const string Comment = "comment";

    public static string Item(string key) => $"items.{key}";

    /// <summary>The answer to one attribute; a presence answer is the item's "present" field.</summary>
    public static string Attribute(string key, ProCtcaeAttributeKind attribute) => attribute switch
    {
        ProCtcaeAttributeKind.Frequency => $"items.{key}.frequency",
        ProCtcaeAttributeKind.Severity => $"items.{key}.severity",
        ProCtcaeAttributeKind.Interference => $"items.{key}.interference",
        ProCtcaeAttributeKind.Presence => $"items.{key}.present",
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, null),
    };
}

/// <summary>A valid submission, normalised and graded: what a <see cref="QuestionnaireResponse"/> stores.</summary>
public sealed class GradedSubmission
{
    public required string QuestionnaireCode { get; init; }

    public required int QuestionnaireVersion { get; init; }

    public required string GradingTableVersion { get; init; }

    /// <summary>One answer per item in questionnaire order: raw scores (null when not asked) and composite grade.</summary>
    public required IReadOnlyList<ItemAnswer> Answers { get; init; }

    public decimal? TemperatureCelsius { get; init; }

    public decimal? WeightKg { get; init; }

    public bool PatientUrgent { get; init; }

    /// <summary>The comment trimmed, with LF line ends and composed Unicode; null when empty.</summary>
    public string? Comment { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the canonical form of this content: equal for the same answers.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The response to store for one scheduled week: the raw answers, their grades and the table version.</summary>
    public QuestionnaireResponse ToResponse(
        Guid enrollmentId, Guid patientId, Guid questionnaireId, DateOnly weekDueDate, DateTime submittedAt, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        EnrollmentId = enrollmentId,
        PatientId = patientId,
        QuestionnaireId = questionnaireId,
        WeekDueDate = weekDueDate,
        SubmittedAt = submittedAt,
        TemperatureCelsius = TemperatureCelsius,
        WeightKg = WeightKg,
        PatientUrgent = PatientUrgent,
        Comment = Comment,
        GradingTableVersion = GradingTableVersion,
        ContentHash = ContentHash,
        Answers = [.. Answers],
    };
}

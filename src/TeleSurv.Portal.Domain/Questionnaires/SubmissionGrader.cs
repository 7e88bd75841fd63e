using System.Globalization;
using System.Text;
using TeleSurv.Portal.Domain.Grading;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>
/// Checks a submission against its questionnaire definition and grades it. Every problem is reported (not only the
/// first), in questionnaire order. Attributes skipped by NCI branching must be left out (null): they are stored as
/// not asked and scored 0 for the composite grade.
/// </summary>
public static class SubmissionGrader
{
    public static SubmissionGrading Grade(QuestionnaireDefinition definition, QuestionnaireSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(submission);

        // A JSON body can carry "items": null despite the non-null default.
        var submitted = submission.Items ?? new Dictionary<string, SymptomAnswer?>();
        var errors = new List<SubmissionError>();
        var answers = new List<ItemAnswer>(definition.Items.Count);
        foreach (var item in definition.Items)
        {
            if (!submitted.TryGetValue(item.Key, out var answer) || answer is null)
            {
                errors.Add(new(SubmissionErrorCodes.MissingAnswer, SubmissionFields.Item(item.Key),
                    $"Item '{item.Key}' is not answered."));
                continue;
            }

            if (CheckItem(item, answer, errors))
            {
                answers.Add(GradeItem(item, answer));
            }
        }

        foreach (var key in submitted.Keys.Where(k => definition.FindItem(k) is null).Order(StringComparer.Ordinal))
        {
            errors.Add(new(SubmissionErrorCodes.UnknownItem, SubmissionFields.Item(key),
                $"The questionnaire has no item '{key}'."));
        }

        CheckMeasurement(definition.Temperature, submission.TemperatureCelsius, SubmissionFields.TemperatureCelsius, errors);
        CheckMeasurement(definition.Weight, submission.WeightKg, SubmissionFields.WeightKg, errors);

        if (definition.Urgency.Required && submission.PatientUrgent is null)
        {
            errors.Add(new(SubmissionErrorCodes.MissingAnswer, SubmissionFields.PatientUrgent,
                "Say whether this needs attention today."));
        }

        var comment = NormaliseComment(submission.Comment);
        if (comment is not null && comment.Length > definition.Comment.MaxLength)
        {
            errors.Add(new(SubmissionErrorCodes.TooLong, SubmissionFields.Comment,
                $"The comment has {comment.Length} characters; at most {definition.Comment.MaxLength} are allowed."));
        }

        if (errors.Count > 0)
        {
            return SubmissionGrading.Failed(errors);
        }

        var urgent = submission.PatientUrgent ?? false;
        return SubmissionGrading.Succeeded(new GradedSubmission
        {
            QuestionnaireCode = definition.Code,
            QuestionnaireVersion = definition.Version,
            GradingTableVersion = ProCtcaeGrading.TableVersion,
            Answers = answers,
            TemperatureCelsius = submission.TemperatureCelsius,
            WeightKg = submission.WeightKg,
            PatientUrgent = urgent,
            Comment = comment,
            ContentHash = SubmissionContentHash.Compute(
                answers, submission.TemperatureCelsius, submission.WeightKg, urgent, comment),
        });
    }

    // Returns whether the item's answers are usable for grading.
    private static bool CheckItem(SymptomItem item, SymptomAnswer answer, List<SubmissionError> errors)
    {
        var before = errors.Count;
        foreach (var attribute in Enum.GetValues<ProCtcaeAttributeKind>())
        {
            if (!item.Has(attribute) && answer.Score(attribute) is not null)
            {
                errors.Add(new(SubmissionErrorCodes.AttributeNotInItem, Field(item, attribute),
                    $"Item '{item.Key}' has no {Name(attribute)} question."));
            }
        }

        // Branching is judged while the answers before are known and valid; after a missing or invalid score
        // it would only repeat the same problem.
        var asked = true;
        var branchingKnown = true;
        foreach (var attribute in item.Attributes)
        {
            var score = answer.Score(attribute);
            if (score is < ProCtcaeGrading.MinScore or > ProCtcaeGrading.MaxScore)
            {
                errors.Add(new(SubmissionErrorCodes.ScoreOutOfRange, Field(item, attribute),
                    $"A score is between {ProCtcaeGrading.MinScore} and {ProCtcaeGrading.MaxScore}."));
                branchingKnown = false;
                continue;
            }

            if (!branchingKnown)
            {
                continue;
            }

            if (asked && score is null)
            {
                errors.Add(new(SubmissionErrorCodes.MissingAnswer, Field(item, attribute),
                    $"The {Name(attribute)} of '{item.Key}' is not answered."));
                branchingKnown = false;
            }
            else if (!asked && score is not null)
            {
                errors.Add(new(SubmissionErrorCodes.SkippedByBranching, Field(item, attribute),
                    $"The {Name(attribute)} of '{item.Key}' is not asked when the answer before it is 0."));
            }

            asked = asked && score > 0;
        }

        return errors.Count == before;
    }

    private static ItemAnswer GradeItem(SymptomItem item, SymptomAnswer answer)
    {
        if (item.IsPresenceItem)
        {
            return new ItemAnswer { ItemKey = item.Key, Present = answer.Present };
        }

        // Skipped attributes of the item count as 0; attributes outside the item stay null (they shape the pattern).
        int? ScoreForGrading(ProCtcaeAttributeKind attribute) =>
            item.Has(attribute) ? answer.Score(attribute) ?? 0 : null;

        return new ItemAnswer
        {
            ItemKey = item.Key,
            Frequency = answer.Frequency,
            Severity = answer.Severity,
            Interference = answer.Interference,
            CompositeGrade = ProCtcaeGrading.CompositeGrade(
                ScoreForGrading(ProCtcaeAttributeKind.Frequency),
                ScoreForGrading(ProCtcaeAttributeKind.Severity),
                ScoreForGrading(ProCtcaeAttributeKind.Interference)),
        };
    }

    private static void CheckMeasurement(
        MeasurementQuestion question, decimal? value, string field, List<SubmissionError> errors)
    {
        if (value is null)
        {
            if (question.Required)
            {
                errors.Add(new(SubmissionErrorCodes.MissingAnswer, field, $"The {field} is required."));
            }
        }
        else if (value < question.Min || value > question.Max)
        {
            errors.Add(new(SubmissionErrorCodes.ValueOutOfRange, field, string.Create(CultureInfo.InvariantCulture,
                $"The {field} must be between {question.Min} and {question.Max} {question.Unit}.")));
        }
    }

    private static string? NormaliseComment(string? comment)
    {
        if (comment is null)
        {
            return null;
        }

        var normalised = comment.ReplaceLineEndings("\n").Trim().Normalize(NormalizationForm.FormC);
        return normalised.Length == 0 ? null : normalised;
    }

    private static string Field(SymptomItem item, ProCtcaeAttributeKind attribute) =>
        SubmissionFields.Attribute(item.Key, attribute);

    private static string Name(ProCtcaeAttributeKind attribute) => attribute.ToString().ToLowerInvariant();
}

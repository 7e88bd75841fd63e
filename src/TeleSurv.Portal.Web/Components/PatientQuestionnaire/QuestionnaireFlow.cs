using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Web.Components.PatientQuestionnaire;

public enum FlowStepKind
{
    Symptom,
    Temperature,
    Weight,
    Urgency,
    Comment,
    Summary,
}

/// <summary>One screen of the patient's questionnaire.</summary>
public sealed record FlowStep(FlowStepKind Kind, SymptomItem? Item = null, ProCtcaeAttributeKind? Attribute = null)
{
    public string Key => Item is null ? Kind.ToString() : $"{Item.Key}.{Attribute}";
}

/// <summary>
/// The patient's path through a questionnaire definition, one question per screen, with the NCI branching:
/// an item's next attribute is asked only when the previous one was answered above zero. Answers to attributes
/// that branching no longer asks are dropped, so what is sent never contradicts the branching.
/// </summary>
public sealed class QuestionnaireFlow(QuestionnaireDefinition definition)
{
    private readonly Dictionary<string, Dictionary<ProCtcaeAttributeKind, int>> _scores = [];
    private readonly HashSet<string> _passed = [];

    public QuestionnaireDefinition Definition { get; } = definition;

    public decimal? Temperature { get; set; }

    public decimal? Weight { get; set; }

    public bool? NeedsAttentionToday { get; set; }

    public string? Comment { get; set; }

    public int Position { get; private set; }

    public IReadOnlyList<FlowStep> Steps => BuildSteps();

    public FlowStep Current => Steps[Math.Min(Position, Steps.Count - 1)];

    public bool IsAtSummary => Current.Kind == FlowStepKind.Summary;

    /// <summary>
    /// Questions answered, over the questions the current answers lead to (the summary excluded). A question counts
    /// as answered once the patient has moved on from it with an answer: the optional questions ahead (temperature,
    /// weight, comment) do not count before they are asked, a follow-up question joins the total once an answer
    /// leads to it, and one that an answer no longer leads to leaves both figures. Going back to change an answer
    /// does not take the questions already answered off the count.
    /// </summary>
    public (int Answered, int Total) Progress
    {
        get
        {
            var questions = Steps.Where(s => s.Kind != FlowStepKind.Summary).ToList();
            return (questions.Count(s => _passed.Contains(s.Key) && IsAnswered(s)), questions.Count);
        }
    }

    public int? ScoreOf(SymptomItem item, ProCtcaeAttributeKind attribute) =>
        _scores.TryGetValue(item.Key, out var scores) && scores.TryGetValue(attribute, out var score) ? score : null;

    public void Answer(SymptomItem item, ProCtcaeAttributeKind attribute, int score)
    {
        var scale = Definition.Scales[attribute];
        ArgumentOutOfRangeException.ThrowIfNegative(score);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, scale.MaxScore);
        if (!_scores.TryGetValue(item.Key, out var scores))
        {
            scores = [];
            _scores[item.Key] = scores;
        }

        scores[attribute] = score;
        if (score == 0)
        {
            // Branching stops here: later attributes of the item are not asked, so their answers go.
            foreach (var later in item.Attributes.SkipWhile(a => a != attribute).Skip(1))
            {
                scores.Remove(later);
            }
        }
    }

    public bool IsAnswered(FlowStep step) => step.Kind switch
    {
        FlowStepKind.Symptom => ScoreOf(step.Item!, step.Attribute!.Value) is not null,
        FlowStepKind.Temperature => Temperature is not null || !Definition.Temperature.Required,
        FlowStepKind.Weight => Weight is not null || !Definition.Weight.Required,
        FlowStepKind.Urgency => NeedsAttentionToday is not null,
        FlowStepKind.Comment => true,
        _ => false,
    };

    /// <summary>Whether the patient may leave the current screen forward.</summary>
    public bool CanGoNext => Current.Kind != FlowStepKind.Summary && IsAnswered(Current);

    public void Next()
    {
        if (CanGoNext)
        {
            _passed.Add(Current.Key);
            Position++;
        }
    }

    public void Back()
    {
        if (Position > 0)
        {
            Position--;
        }
    }

    public void GoTo(FlowStep step)
    {
        var index = Steps.ToList().FindIndex(s => s.Key == step.Key);
        if (index >= 0)
        {
            Position = index;
        }
    }

    /// <summary>Every question the path leads to is answered: the summary may be sent.</summary>
    public bool IsComplete => Steps.Where(s => s.Kind != FlowStepKind.Summary).All(IsAnswered);

    public QuestionnaireSubmission ToSubmission() => new()
    {
        Items = Definition.Items.ToDictionary(
            item => item.Key,
            item => (SymptomAnswer?)ToAnswer(item)),
        TemperatureCelsius = Temperature,
        WeightKg = Weight,
        PatientUrgent = NeedsAttentionToday,
        Comment = string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim(),
    };

    private SymptomAnswer ToAnswer(SymptomItem item)
    {
        int? Score(ProCtcaeAttributeKind attribute) => item.Has(attribute) ? ScoreOf(item, attribute) : null;
        return item.IsPresenceItem
            ? new SymptomAnswer { Present = ScoreOf(item, ProCtcaeAttributeKind.Presence) is { } present ? present == 1 : null }
            : new SymptomAnswer
            {
                Frequency = Score(ProCtcaeAttributeKind.Frequency),
                Severity = Score(ProCtcaeAttributeKind.Severity),
                Interference = Score(ProCtcaeAttributeKind.Interference),
            };
    }

    private List<FlowStep> BuildSteps()
    {
        var steps = new List<FlowStep>();
        foreach (var item in Definition.Items)
        {
            foreach (var attribute in item.Attributes)
            {
                steps.Add(new FlowStep(FlowStepKind.Symptom, item, attribute));
                if (ScoreOf(item, attribute) is not > 0)
                {
                    // Unanswered or zero: the next attribute of this item is not asked (yet).
                    break;
                }
            }
        }

        steps.Add(new FlowStep(FlowStepKind.Temperature));
        steps.Add(new FlowStep(FlowStepKind.Weight));
        steps.Add(new FlowStep(FlowStepKind.Urgency));
        steps.Add(new FlowStep(FlowStepKind.Comment));
        steps.Add(new FlowStep(FlowStepKind.Summary));
        return steps;
    }
}

using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Web.Components.PatientQuestionnaire;

namespace TeleSurv.Portal.Web.Tests.PatientQuestionnaire;

public sealed class QuestionnaireFlowTests
{
    private static readonly QuestionnaireDefinition Definition = QuestionnaireCatalog.Current;

    private static SymptomItem Item(string key) => Definition.FindItem(key) ?? throw new KeyNotFoundException(key);

    private static QuestionnaireFlow AnswerEverythingWith(int score)
    {
        var flow = new QuestionnaireFlow(Definition);
        while (flow.Current.Kind == FlowStepKind.Symptom)
        {
            var step = flow.Current;
            var scale = Definition.Scales[step.Attribute!.Value];
            flow.Answer(step.Item!, step.Attribute.Value, Math.Min(score, scale.MaxScore));
            flow.Next();
        }

        return flow;
    }

    [Fact]
    public void Starts_with_the_first_attribute_of_the_first_item_and_cannot_move_on_unanswered()
    {
        var flow = new QuestionnaireFlow(Definition);

        Assert.Equal(FlowStepKind.Symptom, flow.Current.Kind);
        Assert.Equal(Definition.Items[0].Key, flow.Current.Item!.Key);
        Assert.Equal(Definition.Items[0].Attributes[0], flow.Current.Attribute);
        Assert.False(flow.CanGoNext);
        flow.Next();
        Assert.Equal(0, flow.Position);
    }

    [Fact]
    public void A_zero_skips_the_later_attributes_of_the_item()
    {
        var nausea = Item("nausea");
        var flow = new QuestionnaireFlow(Definition);

        flow.Answer(nausea, ProCtcaeAttributeKind.Frequency, 0);

        Assert.DoesNotContain(flow.Steps, s => s.Item == nausea && s.Attribute == ProCtcaeAttributeKind.Severity);
    }

    [Fact]
    public void Above_zero_the_next_attribute_is_asked()
    {
        var pain = Item("pain");
        var flow = new QuestionnaireFlow(Definition);

        flow.Answer(pain, ProCtcaeAttributeKind.Frequency, 2);
        flow.Answer(pain, ProCtcaeAttributeKind.Severity, 1);

        var painSteps = flow.Steps.Where(s => s.Item == pain).Select(s => s.Attribute).ToList();
        Assert.Equal([ProCtcaeAttributeKind.Frequency, ProCtcaeAttributeKind.Severity, ProCtcaeAttributeKind.Interference], painSteps);
    }

    [Fact]
    public void Changing_an_answer_to_zero_drops_the_answers_branching_no_longer_asks()
    {
        var pain = Item("pain");
        var flow = new QuestionnaireFlow(Definition);
        flow.Answer(pain, ProCtcaeAttributeKind.Frequency, 3);
        flow.Answer(pain, ProCtcaeAttributeKind.Severity, 3);
        flow.Answer(pain, ProCtcaeAttributeKind.Interference, 2);

        flow.Answer(pain, ProCtcaeAttributeKind.Frequency, 0);

        var answer = flow.ToSubmission().Items["pain"]!;
        Assert.Equal(0, answer.Frequency);
        Assert.Null(answer.Severity);
        Assert.Null(answer.Interference);
    }

    [Fact]
    public void A_complete_path_grades_without_errors_in_the_domain()
    {
        var flow = AnswerEverythingWith(2);
        flow.Temperature = 38.4m;
        flow.NeedsAttentionToday = true;
        while (!flow.IsAtSummary)
        {
            flow.Next();
        }

        Assert.True(flow.IsComplete);
        var grading = SubmissionGrader.Grade(Definition, flow.ToSubmission());
        Assert.True(grading.IsValid, string.Join("; ", grading.Errors.Select(e => $"{e.Field}: {e.Code}")));
    }

    [Fact]
    public void The_urgency_question_must_be_answered_before_the_summary()
    {
        var flow = AnswerEverythingWith(0);
        flow.Next();
        flow.Next();
        Assert.Equal(FlowStepKind.Urgency, flow.Current.Kind);
        Assert.False(flow.CanGoNext);
        Assert.False(flow.IsComplete);

        flow.NeedsAttentionToday = false;

        Assert.True(flow.CanGoNext);
    }

    [Fact]
    public void Going_to_an_answered_step_from_the_summary_and_back()
    {
        var flow = AnswerEverythingWith(0);
        flow.NeedsAttentionToday = false;
        while (!flow.IsAtSummary)
        {
            flow.Next();
        }

        var first = flow.Steps[0];
        flow.GoTo(first);

        Assert.Equal(0, flow.Position);
        flow.Back();
        Assert.Equal(0, flow.Position);
    }

    [Fact]
    public void Progress_counts_only_the_questions_the_answers_lead_to()
    {
        var flow = new QuestionnaireFlow(Definition);
        var (answeredBefore, totalBefore) = flow.Progress;

        var pain = Item("pain");
        flow.Answer(pain, ProCtcaeAttributeKind.Frequency, 2);
        var (answeredAfter, totalAfter) = flow.Progress;

        Assert.Equal(totalBefore + 1, totalAfter);
        Assert.Equal(answeredBefore, answeredAfter);
    }

    [Fact]
    public void Progress_starts_at_zero_and_counts_the_questions_asked_so_far()
    {
        var flow = new QuestionnaireFlow(Definition);
        var firstQuestions = Definition.Items.Count + 4;

        Assert.Equal((0, firstQuestions), flow.Progress);

        var first = Definition.Items[0];
        flow.Answer(first, first.Attributes[0], 0);
        flow.Next();

        Assert.Equal((1, firstQuestions), flow.Progress);
    }

    [Fact]
    public void Going_back_from_the_summary_to_change_an_answer_keeps_the_answered_count()
    {
        var flow = AnswerEverythingWith(0);
        flow.NeedsAttentionToday = false;
        while (!flow.IsAtSummary)
        {
            flow.Next();
        }

        var total = flow.Progress.Total;
        Assert.Equal((total, total), flow.Progress);

        flow.GoTo(flow.Steps[0]);

        Assert.Equal((total, total), flow.Progress);
    }

    [Fact]
    public void A_follow_up_an_answer_no_longer_asks_leaves_both_figures_and_is_not_counted_when_asked_again()
    {
        var first = Definition.Items[0];
        var flow = new QuestionnaireFlow(Definition);
        var firstQuestions = flow.Progress.Total;
        flow.Answer(first, first.Attributes[0], 2);
        flow.Next();
        flow.Answer(first, first.Attributes[1], 2);
        flow.Next();
        Assert.Equal((2, firstQuestions + 1), flow.Progress);

        flow.Back();
        flow.Back();
        flow.Answer(first, first.Attributes[0], 0);

        Assert.Equal((1, firstQuestions), flow.Progress);

        flow.Answer(first, first.Attributes[0], 3);

        // Asked again, and not answered yet: its earlier answer went with the zero.
        Assert.Equal((1, firstQuestions + 1), flow.Progress);
    }

    [Fact]
    public void A_score_beyond_the_scale_is_refused()
    {
        var flow = new QuestionnaireFlow(Definition);

        Assert.Throws<ArgumentOutOfRangeException>(() => flow.Answer(Item("pain"), ProCtcaeAttributeKind.Frequency, 5));
    }
}

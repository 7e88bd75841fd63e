using AngleSharp.Dom;
using Bunit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Web.Components.PatientQuestionnaire;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.PatientQuestionnaire;

public sealed class PatientQuestionnairePageTests : PortalComponentTest
{
    private const string Token = "patient-link-token";
    private static readonly QuestionnaireDefinition Definition = QuestionnaireCatalog.Current;
    private static readonly DateOnly Week = new(2026, 12, 7);

    /// <summary>Every screen a patient goes through when no answer leads to a follow-up question.</summary>
    private static readonly int FirstQuestions = Definition.Items.Count + 4;

    private RaisedAlert? _alert;
    private Exception? _sendFailure;

    private readonly RecordingSender _sender = new();

    public PatientQuestionnairePageTests()
    {
        _sender
            .On<ResolvePatientLinkQuery, PatientLinkResolution>(query => query.Token == Token
                ? new PatientLinkResolution(PatientLinkStatus.Active, new PatientLinkContext(
                    "Hélène", Definition.Code, Definition.Version,
                    new QuestionnaireWeek(Week, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(2), false, null), null, DateTime.UtcNow.AddDays(60))
                {
                    UnitPhone = "02 61 91 00 11",
                })
                : new PatientLinkResolution(PatientLinkStatus.Unknown, null))
            .On<SubmitQuestionnaireResponseCommand, QuestionnaireSubmissionResult>(command => _sendFailure is null
                ? new QuestionnaireSubmissionResult(Guid.CreateVersion7(), command.Week, DateTime.UtcNow, Definition.Code, Definition.Version, "v1", [], _alert, true)
                {
                    UnitPhone = "02 61 91 00 11",
                }
                : throw _sendFailure);
        Services.AddSingleton<ISender>(_sender);
        RenderPagesLive();
    }

    [Fact]
    public void Progress_starts_at_zero_over_the_questions_asked_and_counts_each_answer()
    {
        var page = Start();

        Assert.Equal($"0/{FirstQuestions}", Progress(page));
        Assert.Contains($"Répondu : 0 sur {FirstQuestions}", page.Markup, StringComparison.Ordinal);

        Choose(page, 0);
        Choose(page, 0);

        Assert.Equal($"2/{FirstQuestions}", Progress(page));
        Assert.Contains($"Répondu : 2 sur {FirstQuestions}", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_follow_up_joins_the_total_when_an_answer_asks_it_and_leaves_when_the_answer_changes()
    {
        var first = Definition.Items[0];
        Assert.True(first.Attributes.Count > 1, "the first symptom has a follow-up question");
        var page = Start();

        Choose(page, 2);

        Assert.Equal($"{first.Key}.{first.Attributes[1]}", Step(page));
        Assert.Equal($"1/{FirstQuestions + 1}", Progress(page));

        page.Find("button[data-action='back']").Click();
        Assert.Equal($"{first.Key}.{first.Attributes[0]}", Step(page));
        // Going back does not take the answer off the count.
        Assert.Equal($"1/{FirstQuestions + 1}", Progress(page));

        Choose(page, 0);

        Assert.Equal($"{Definition.Items[1].Key}.{Definition.Items[1].Attributes[0]}", Step(page));
        Assert.Equal($"1/{FirstQuestions}", Progress(page));
    }

    [Fact]
    public void Answers_are_large_full_width_buttons_and_the_chosen_one_is_pressed()
    {
        var page = Start();
        var scale = Definition.Scales[Definition.Items[0].Attributes[0]];

        var answers = page.FindAll("section[data-step] button[data-score]");
        Assert.Equal(scale.MaxScore + 1, answers.Count);
        Assert.All(answers, answer =>
        {
            Assert.Contains("mud-width-full", answer.ClassList);
            Assert.Contains("patient-touch", answer.ClassList);
        });

        Choose(page, 1);
        page.Find("button[data-action='back']").Click();

        Assert.Equal("true", page.Find("button[data-score='1']").GetAttribute("aria-pressed"));
        Assert.Equal("false", page.Find("button[data-score='0']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void The_patient_who_says_it_is_urgent_sends_it_with_the_reason_and_is_told_to_call_the_unit_now()
    {
        _alert = new RaisedAlert(Guid.CreateVersion7(), AlertPriority.Urgent);
        var page = Start();
        AnswerSymptomsWithZero(page);

        page.Find("#temperature").Input("38,6");
        page.Find("button[data-action='next']").Click();
        Assert.Equal("Weight", Step(page));
        page.Find("button[data-action='next']").Click();
        page.Find("button[data-urgent='yes']").Click();
        Assert.Equal("Comment", Step(page));
        page.Find("#comment").Input("Fièvre depuis ce matin.");
        page.Find("button[data-action='next']").Click();
        Assert.Equal("Summary", Step(page));
        page.Find("button[data-action='send']").Click();

        var sent = Assert.Single(_sender.SentOf<SubmitQuestionnaireResponseCommand>());
        Assert.Equal(Token, sent.Token);
        Assert.Equal(Week, sent.Week);
        Assert.True(sent.PatientUrgent);
        Assert.Equal("Fièvre depuis ce matin.", sent.Comment);
        Assert.Equal(38.6m, sent.TemperatureCelsius);
        Assert.Null(sent.WeightKg);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-sent='true']")));
        var callNow = page.Find("[data-call-now='true']");
        Assert.Contains("appelez maintenant le service d'oncologie au 02 61 91 00 11", callNow.TextContent, StringComparison.Ordinal);
        Assert.Equal("tel:0261910011", callNow.QuerySelector("a[data-call-unit]")!.GetAttribute("href"));
    }

    [Fact]
    public void A_refused_send_keeps_the_answers_on_screen_and_says_why()
    {
        _sendFailure = new ConflictException("already answered");
        var page = Start();
        AnswerSymptomsWithZero(page);
        page.Find("button[data-action='next']").Click();
        page.Find("button[data-action='next']").Click();
        page.Find("button[data-urgent='no']").Click();
        page.Find("button[data-action='next']").Click();

        page.Find("button[data-action='send']").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "Des réponses différentes ont déjà été envoyées pour cette semaine.", page.Find("[data-send-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Summary", Step(page));
        Assert.Empty(page.FindAll("[data-sent='true']"));
    }

    [Fact]
    public void An_unknown_link_says_so_and_offers_no_questionnaire()
    {
        var page = Render<PatientQuestionnairePage>(parameters => parameters.Add(p => p.Token, "not-a-link"));

        page.WaitForAssertion(() => Assert.Contains("Ce lien n'est plus valable", page.Find("h1").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("button[data-action='start']"));
        Assert.Empty(_sender.SentOf<SubmitQuestionnaireResponseCommand>());
    }

    private IRenderedComponent<PatientQuestionnairePage> Start()
    {
        var page = Render<PatientQuestionnairePage>(parameters => parameters.Add(p => p.Token, Token));
        page.WaitForAssertion(() => page.Find("button[data-action='start']").Click());
        return page;
    }

    private static void AnswerSymptomsWithZero(IRenderedComponent<PatientQuestionnairePage> page)
    {
        while (Step(page).Contains('.', StringComparison.Ordinal))
        {
            Choose(page, 0);
        }

        Assert.Equal("Temperature", Step(page));
    }

    private static void Choose(IRenderedComponent<PatientQuestionnairePage> page, int score) =>
        page.Find($"section[data-step] button[data-score='{score}']").Click();

    private static string Step(IRenderedComponent<PatientQuestionnairePage> page) => page.Find("section[data-step]").GetAttribute("data-step")!;

    private static string Progress(IRenderedComponent<PatientQuestionnairePage> page) => page.Find("[data-progress]").GetAttribute("data-progress")!;
}

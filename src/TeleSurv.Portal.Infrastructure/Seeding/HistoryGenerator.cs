using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>A patient's questionnaire weeks as the portal would have recorded them.</summary>
internal sealed class PatientHistory
{
    public List<QuestionnaireResponse> Responses { get; } = [];

    public List<Alert> Alerts { get; } = [];

    /// <summary>Weeks answered, whether or not their response is kept.</summary>
    public int AnsweredWeeks { get; set; }
}

/// <summary>
/// Walks an enrollment's schedule up to the seed day. Each answered week is validated and graded by the
/// <see cref="SubmissionGrader"/> and judged by the <see cref="AlertRulesEngine"/> against the previous answered week;
/// each unanswered week goes through the non-responder rule. The alerts are the engine's, with the SLA policy's due time.
/// </summary>
internal sealed class HistoryGenerator(SeedContext context)
{
    // Days from the due date on which patients answer, and how often.
    private static readonly (int Offset, double Share)[] AnswerDays = [(-2, 0.05), (-1, 0.2), (0, 0.5), (1, 0.15), (2, 0.07), (3, 0.03)];

    /// <param name="keepEveryResponse">False keeps only the responses that raised an alert (load data).</param>
    public PatientHistory Generate(SeedPatient patient, Guid questionnaireId, bool keepEveryResponse, bool keepCurrentWeekOpen)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var enrollment = patient.Enrollment ?? throw new ArgumentException("The patient has no enrollment.", nameof(patient));
        var story = patient.Story!;
        var rules = context.Rules;
        var random = new Random(SeedContext.Mix(patient.RandomSeed, 0x4157));
        var schedule = QuestionnaireSchedule.For(enrollment, rules.ScheduleOptions);
        var grace = rules.AlertRuleOptions.NonResponderGraceDays;
        var weeks = schedule.Weeks
            .Where(w => w.OpensAt < context.Anchor)
            .Where(w => patient.StoppedOn is not { } stopped || w.DueDate.AddDays(grace + 1) < stopped)
            .ToList();

        if (story.Kind == StoryKind.ExpectedFatigue && story.EventAge < weeks.Count)
        {
            patient.ExpectedLevels.Add(ExpectedFatigue(patient, weeks[weeks.Count - 1 - story.EventAge]));
        }

        var history = new PatientHistory();
        IReadOnlyList<ItemAnswer>? previousAnswers = null;
        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i];
            var age = weeks.Count - 1 - i;
            var eventWeek = story.IsEventWeek(age);
            var answered = story.Kind == StoryKind.MissedWeek && eventWeek ? false
                : keepCurrentWeekOpen && week.Accepts(context.Anchor) ? false
                : eventWeek || random.NextDouble() < story.Adherence;
            var submittedAt = answered ? SubmissionTime(week, eventWeek, grace, random) : null;

            if (submittedAt is not { } at)
            {
                var missed = rules.Engine.EvaluateMissedWeek(week.DueDate, context.Anchor, hasResponse: false, rules.TimeZone);
                if (missed is not null)
                {
                    var raisedAt = NonResponderRule.MissedAt(week.DueDate, grace, rules.TimeZone);
                    history.Alerts.Add(Keyed(missed.CreateAlert(
                        patient.Patient.Id, enrollment.Id, enrollment.EstablishmentId, null, week.DueDate, raisedAt, rules.Sla)));
                }

                continue;
            }

            var submission = story.Answer(rules.Definition, week.Number, age, random);
            var grading = SubmissionGrader.Grade(rules.Definition, submission);
            if (!grading.IsValid)
            {
                throw new InvalidOperationException(
                    "The demo seed produced answers the questionnaire refuses: "
                    + string.Join(" ", grading.Errors.Select(e => $"{e.Field}: {e.Message}")));
            }

            var graded = grading.Result;
            var response = graded.ToResponse(enrollment.Id, patient.Patient.Id, questionnaireId, week.DueDate, at, context.Ids.Next(at));
            history.AnsweredWeeks++;

            var decision = rules.Engine.EvaluateResponse(new ResponseAlertInput
            {
                Answers = graded.Answers,
                PreviousAnswers = previousAnswers,
                TemperatureCelsius = graded.TemperatureCelsius,
                PatientUrgent = graded.PatientUrgent,
                CytotoxicChemotherapy = enrollment.CytotoxicChemotherapy,
                ExpectedLevels = patient.ExpectedLevels,
                At = at,
            });
            if (decision is not null)
            {
                history.Alerts.Add(Keyed(decision.CreateAlert(
                    patient.Patient.Id, enrollment.Id, enrollment.EstablishmentId, response.Id, week.DueDate, at, rules.Sla)));
            }

            if (keepEveryResponse || decision is not null)
            {
                history.Responses.Add(response);
            }

            previousAnswers = graded.Answers;
        }

        return history;
    }

    /// <summary>
    /// When the patient answered: usually on the due date, sometimes a little before or after, always inside the
    /// week's window, before it counts as missed and before the seed day. An unforced answer that would fall on or
    /// after the seed day is not given yet.
    /// </summary>
    private DateTime? SubmissionTime(ScheduledWeek week, bool forced, int graceDays, Random random)
    {
        var roll = random.NextDouble();
        var offset = AnswerDays[^1].Offset;
        foreach (var (day, share) in AnswerDays)
        {
            if (roll < share)
            {
                offset = day;
                break;
            }

            roll -= share;
        }

        var at = context.LocalTime(week.DueDate.AddDays(offset), 7 + random.Next(14), 0, random);
        if (at < week.OpensAt)
        {
            at = week.OpensAt.AddHours(9 + random.Next(10));
        }

        var missedAt = NonResponderRule.MissedAt(week.DueDate, graceDays, context.Rules.TimeZone);
        if (at < context.Anchor && at < missedAt && at < week.ClosesAt)
        {
            return at;
        }

        if (!forced)
        {
            return null;
        }

        // The story needs this week answered: on the last day before the seed day, when the window allows it.
        var lastEvening = context.LocalTime(context.Today.AddDays(-1), 19, 0, random);
        return lastEvening >= week.OpensAt && lastEvening < missedAt && lastEvening < week.ClosesAt ? lastEvening : null;
    }

    /// <summary>A nurse records fatigue as expected for thirty days, the evening after the week it rose.</summary>
    private ExpectedLevel ExpectedFatigue(SeedPatient patient, ScheduledWeek week)
    {
        var from = week.ClosesAt.AddHours(-14);
        return new ExpectedLevel
        {
            Id = context.Ids.Next(from),
            EnrollmentId = patient.Enrollment!.Id,
            ItemKey = "fatigue",
            MaxGrade = 2,
            From = from,
            Until = from + ExpectedLevel.MaxDuration,
            SetById = context.Organisation.NursesOf(patient.Establishment)[0].Id,
            Reason = "Asthénie grade 2 attendue sous ce protocole, connue de l'oncologue : pas d'alerte tant qu'elle ne s'aggrave pas.",
        };
    }

    /// <summary>The engine's alert with a key from the seed's generator, so that every run gives the same rows.</summary>
    private Alert Keyed(Alert alert) => new()
    {
        Id = context.Ids.Next(alert.RaisedAt),
        PatientId = alert.PatientId,
        EnrollmentId = alert.EnrollmentId,
        EstablishmentId = alert.EstablishmentId,
        ResponseId = alert.ResponseId,
        Kind = alert.Kind,
        Priority = alert.Priority,
        Status = alert.Status,
        RaisedAt = alert.RaisedAt,
        SlaDueAt = alert.SlaDueAt,
        WeekDueDate = alert.WeekDueDate,
        ClaimedById = alert.ClaimedById,
        ClaimedAt = alert.ClaimedAt,
        FirstActionAt = alert.FirstActionAt,
        ResolvedAt = alert.ResolvedAt,
        WorstItemKey = alert.WorstItemKey,
        WorstGrade = alert.WorstGrade,
        Worsened = alert.Worsened,
        RulesVersion = alert.RulesVersion,
        Findings = alert.Findings,
        Version = context.Ids.Next(alert.RaisedAt),
    };
}

using System.Globalization;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>How the nurses handle an alert.</summary>
internal enum TriageFlow
{
    /// <summary>Nobody has taken it yet.</summary>
    Untouched = 0,

    /// <summary>Claimed, patient not reached yet: the nurse calls back later.</summary>
    ClaimedOnly = 1,

    /// <summary>Call, advice, resolution.</summary>
    PhoneAdvice = 2,

    /// <summary>A first call without answer, a second one that reaches the patient, advice, resolution.</summary>
    CallBackAdvice = 3,

    /// <summary>Call, escalation to the oncologist, decision, resolution.</summary>
    Escalation = 4,

    /// <summary>Call and escalation; the oncologist has not decided yet.</summary>
    AwaitingOncologist = 5,

    /// <summary>Suspected febrile neutropenia: call, referral to the emergency department, resolution.</summary>
    EmergencyReferral = 6,

    /// <summary>A missed questionnaire: a call, then resolution.</summary>
    MissedQuestionnaireCall = 7,
}

/// <summary>One alert, the patient it concerns, and the nurses' plan for it.</summary>
internal sealed class TriagePlan
{
    public required Alert Alert { get; init; }

    public required SeedPatient Patient { get; init; }

    public TriageFlow Flow { get; set; }

    public List<PlannedAction> Actions { get; set; } = [];

    /// <summary>The status the alert has at the seed day: what the actions done before it make of it.</summary>
    public AlertStatus StatusAt(DateTime anchor)
    {
        var done = Actions.Where(a => a.At < anchor).ToList();
        if (done.Any(a => a.Kind == TriageActionKind.Resolution))
        {
            return AlertStatus.Resolved;
        }

        var lastEscalation = done.LastOrDefault(a => a.Kind == TriageActionKind.Escalation);
        if (lastEscalation is not null && !done.Any(a => a.Kind == TriageActionKind.OncologistDecision && a.At > lastEscalation.At))
        {
            return AlertStatus.Escalated;
        }

        return done.Count > 0 ? AlertStatus.InProgress : AlertStatus.Open;
    }
}

internal sealed record PlannedAction(TriageActionKind Kind, DateTime At, StaffMember By, string? Note, string? Details);

/// <summary>
/// Plays the nurses' work on the seeded alerts up to the seed day: claimed during working hours after a delay that
/// depends on the priority, handled, resolved; whatever falls after the seed day has not happened yet, which leaves
/// the recent alerts open, in progress or escalated.
/// </summary>
internal sealed class TriageSimulator(SeedContext context)
{
    private const int WorkdayStartHour = 8;
    private const int WorkdayEndMinutes = (18 * 60) + 30;

    public TriagePlan Plan(Alert alert, SeedPatient patient, Random random)
    {
        var plan = new TriagePlan { Alert = alert, Patient = patient, Flow = DefaultFlow(alert, random) };
        Script(plan, random);
        return plan;
    }

    /// <summary>Replaces the plan with another flow.</summary>
    public void Replan(TriagePlan plan, TriageFlow flow, Random random)
    {
        plan.Flow = flow;
        Script(plan, random);
    }

    /// <summary>Writes the plan's outcome on the alert and returns the actions done before the seed day.</summary>
    public List<TriageAction> Apply(TriagePlan plan)
    {
        var alert = plan.Alert;
        var done = plan.Actions.Where(a => a.At < context.Anchor).ToList();
        alert.Status = plan.StatusAt(context.Anchor);
        var claim = done.FirstOrDefault(a => a.Kind == TriageActionKind.Claim);
        alert.ClaimedById = claim?.By.Id;
        alert.ClaimedAt = claim?.At;
        alert.FirstActionAt = done.FirstOrDefault(a => a.Kind is not TriageActionKind.Claim and not TriageActionKind.Release)?.At;
        alert.ResolvedAt = done.FirstOrDefault(a => a.Kind == TriageActionKind.Resolution)?.At;
        if (done.Count > 0)
        {
            alert.Version = context.Ids.Next(done[^1].At);
        }

        return
        [
            .. done.Select(a => new TriageAction
            {
                Id = context.Ids.Next(a.At),
                AlertId = alert.Id,
                PatientId = alert.PatientId,
                Kind = a.Kind,
                At = a.At,
                StaffMemberId = a.By.Id,
                StaffName = a.By.DisplayName,
                StaffRole = a.By.Role,
                Note = a.Note,
                Details = a.Details,
            }),
        ];
    }

    private static TriageFlow DefaultFlow(Alert alert, Random random)
    {
        if (alert.Kind == AlertKind.NonResponder)
        {
            return TriageFlow.MissedQuestionnaireCall;
        }

        if (alert.Findings.Any(f => f.Rule == AlertRule.SuspectedFebrileNeutropenia))
        {
            return TriageFlow.EmergencyReferral;
        }

        var severe = alert.Findings.Any(f => f.Rule == AlertRule.SevereSymptom);
        return random.NextDouble() switch
        {
            < 0.4 when severe => TriageFlow.Escalation,
            < 0.45 => TriageFlow.CallBackAdvice,
            _ => TriageFlow.PhoneAdvice,
        };
    }

    private void Script(TriagePlan plan, Random random)
    {
        var alert = plan.Alert;
        var nurses = context.Organisation.NursesOf(plan.Patient.Establishment);
        var nurse = nurses[random.Next(nurses.Count)];
        var oncologist = context.Organisation.OncologistOf(plan.Patient.Establishment);
        var actions = new List<PlannedAction>();
        plan.Actions = actions;
        if (plan.Flow == TriageFlow.Untouched)
        {
            return;
        }

        var t = plan.Flow is TriageFlow.ClaimedOnly or TriageFlow.AwaitingOncologist
            ? BeforeAnchor(alert.RaisedAt, random)
            : WorkingTime(alert.RaisedAt + ClaimDelay(alert.Priority, random), random);

        void Do(TriageActionKind kind, StaffMember by, string? note = null, string? details = null) =>
            actions.Add(new PlannedAction(kind, t, by, note, details));
        void Wait(int minMinutes, int maxMinutes) => t = t.AddMinutes(random.Next(minMinutes, maxMinutes + 1));

        Do(TriageActionKind.Claim, nurse);
        Wait(2, 15);
        switch (plan.Flow)
        {
            case TriageFlow.ClaimedOnly:
                Do(TriageActionKind.PhoneCall, nurse, Pick(DemoCatalog.NotReachedNotes, random), Outcome("not_reached"));
                t = Later(context.Anchor, random);
                Do(TriageActionKind.PhoneCall, nurse, Pick(DemoCatalog.CallNotes, random), Outcome("reached"));
                break;

            case TriageFlow.MissedQuestionnaireCall:
                if (random.NextDouble() < 0.8)
                {
                    Do(TriageActionKind.PhoneCall, nurse, Pick(DemoCatalog.MissedCallNotes, random), Outcome("reached"));
                    Wait(1, 10);
                    Do(TriageActionKind.Resolution, nurse, "Questionnaire manquant : point fait par téléphone.", Outcome("patient_reached"));
                }
                else
                {
                    Do(TriageActionKind.PhoneCall, nurse, "Message laissé pour rappeler le questionnaire.", Outcome("message_left"));
                    Wait(1, 5);
                    Do(TriageActionKind.Resolution, nurse, "Message laissé ; le questionnaire suivant fera le point.", Outcome("message_left"));
                }

                break;

            case TriageFlow.EmergencyReferral:
                Do(TriageActionKind.PhoneCall, nurse, "Patient(e) joint(e) : fièvre confirmée au thermomètre, frissons.", Outcome("reached"));
                Wait(3, 10);
                Do(TriageActionKind.EmergencyReferral, nurse,
                    "Orientation vers les urgences pour bilan de neutropénie fébrile (NFS, hémocultures) ; service prévenu.",
                    """{"destination":"emergency_department"}""");
                Wait(5, 30);
                Do(TriageActionKind.Resolution, nurse, "Prise en charge aux urgences, oncologue informée.", Outcome("referred_to_emergency"));
                break;

            case TriageFlow.Escalation or TriageFlow.AwaitingOncologist:
                Do(TriageActionKind.PhoneCall, nurse, Pick(DemoCatalog.CallNotes, random), Outcome("reached"));
                if (alert.WorstItemKey is { } item && alert.WorstGrade is { } grade)
                {
                    Wait(2, 8);
                    Do(TriageActionKind.GradeConfirmed, nurse, null, ConfirmedGrade(item, grade));
                }

                Wait(3, 20);

                // Picked even when unused, so that the rest of the demo draws the same numbers.
                var anyQuestion = Pick(DemoCatalog.EscalationQuestions, random);
                Do(TriageActionKind.Escalation, nurse, EscalationQuestion(alert) ?? anyQuestion,
                    """{"urgency":"within_24h"}""");
                if (plan.Flow == TriageFlow.AwaitingOncologist)
                {
                    t = Later(context.Anchor, random);
                }
                else
                {
                    t = WorkingTime(t.AddHours(2 + random.Next(20)), random);
                }

                var decision = Pick(["hold_treatment", "adjust_treatment", "consultation", "continue_treatment"], random);
                Do(TriageActionKind.OncologistDecision, oncologist, DecisionNote(decision),
                    string.Create(CultureInfo.InvariantCulture, $$"""{"decision":"{{decision}}"}"""));
                t = WorkingTime(t.AddMinutes(20 + random.Next(120)), random);
                Do(TriageActionKind.Resolution, nurse, "Décision de l'oncologue transmise au patient, suivi programmé.", Outcome("oncologist_decision_applied"));
                break;

            default:
                if (plan.Flow == TriageFlow.CallBackAdvice)
                {
                    Do(TriageActionKind.PhoneCall, nurse, Pick(DemoCatalog.NotReachedNotes, random), Outcome(random.NextDouble() < 0.5 ? "not_reached" : "message_left"));
                    t = WorkingTime(t.AddHours(1 + random.Next(4)), random);
                }

                Do(TriageActionKind.PhoneCall, nurse, Pick(DemoCatalog.CallNotes, random), Outcome("reached"));
                if (alert.WorstItemKey is { } worstItem && alert.WorstGrade is { } worstGrade && random.NextDouble() < 0.4)
                {
                    Wait(2, 8);
                    Do(TriageActionKind.GradeConfirmed, nurse, null, ConfirmedGrade(worstItem, worstGrade));
                }

                Wait(2, 10);
                Do(TriageActionKind.Advice, nurse, Pick(DemoCatalog.AdviceNotes, random));
                if (random.NextDouble() < 0.2)
                {
                    Wait(1, 5);
                    Do(TriageActionKind.MedicationSuggested, nurse, "Traitement de support selon l'ordonnance anticipée du protocole.");
                }

                if (random.NextDouble() < 0.1)
                {
                    Wait(1, 5);
                    Do(TriageActionKind.ConsultationScheduled, nurse, "Consultation avancée à la semaine prochaine.");
                }

                Wait(1, 15);
                Do(TriageActionKind.Resolution, nurse, "Conseils donnés, réévaluation au prochain questionnaire.", Outcome("managed_at_home"));
                break;
        }
    }

    /// <summary>How long an alert waits to be claimed; now and then the queue is busy and it waits much longer.</summary>
    private static TimeSpan ClaimDelay(AlertPriority priority, Random random)
    {
        var (min, max) = priority switch
        {
            AlertPriority.Urgent => (0.1, 1.0),
            AlertPriority.High => (0.5, 6.0),
            AlertPriority.Medium => (2.0, 30.0),
            _ => (4.0, 50.0),
        };
        var hours = min + (random.NextDouble() * (max - min));
        return TimeSpan.FromHours(random.NextDouble() < 0.1 ? hours * 3 : hours);
    }

    /// <summary>The first working moment (Monday to Friday, 8:00 to 18:30 local) at or after a time.</summary>
    private DateTime WorkingTime(DateTime utc, Random random)
    {
        var local = context.ToLocal(utc);
        var minutes = (local.Hour * 60) + local.Minute;
        if (local.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday
            && minutes >= WorkdayStartHour * 60 && minutes < WorkdayEndMinutes)
        {
            return utc;
        }

        var day = DateOnly.FromDateTime(local);
        if (minutes >= WorkdayStartHour * 60)
        {
            day = day.AddDays(1);
        }

        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return context.LocalTime(day, WorkdayStartHour, 0, random);
    }

    /// <summary>A moment between a time and the seed day, for work already started.</summary>
    private DateTime BeforeAnchor(DateTime raisedAt, Random random)
    {
        var span = context.Anchor - raisedAt;
        return raisedAt + (span * (0.2 + (random.NextDouble() * 0.5)));
    }

    /// <summary>A moment after the seed day: work that has not happened yet.</summary>
    private static DateTime Later(DateTime anchor, Random random) => anchor.AddHours(8 + random.Next(10));

    private static string Outcome(string outcome) => $$"""{"outcome":"{{outcome}}"}""";

    /// <summary>The CTCAE grade the nurse confirms on the phone: close to the composite grade, 1 at least.</summary>
    private static string ConfirmedGrade(string itemKey, int compositeGrade) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"itemKey":"{{itemKey}}","ctcaeGrade":{{Math.Max(1, compositeGrade)}}}""");

    private static string DecisionNote(string decision) => decision switch
    {
        "hold_treatment" => "Suspendre la prochaine cure, bilan biologique et consultation à J7.",
        "adjust_treatment" => "Réduction de dose d'un palier à la prochaine administration.",
        "consultation" => "Consultation avancée cette semaine.",
        _ => "Poursuite du traitement à l'identique, traitement symptomatique.",
    };

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];

    /// <summary>The nurse's question about the alert's own most urgent symptom; null for an alert without one.</summary>
    private static string? EscalationQuestion(Alert alert)
    {
        var symptom = AlertReason.InPriorityOrder(alert.Findings).FirstOrDefault(f => f.ItemKey is not null && f.Grade is not null);
        return symptom is null
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{FindingExplanation.ItemLabel(symptom.ItemKey).Fr}, grade {symptom.Grade} : faut-il adapter ou suspendre le traitement avant la prochaine cure, ou avancer la consultation ?");
    }

}

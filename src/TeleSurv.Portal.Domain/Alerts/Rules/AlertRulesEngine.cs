using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Domain.Alerts.Rules;

/// <summary>
/// Applies the alert rules to a response (one decision listing every finding) or to a week without response.
/// Symptom findings (severe, worsening) at or below an expected level that applies are suppressed; temperature,
/// the patient's urgency and missed weeks are never suppressed.
/// </summary>
public sealed class AlertRulesEngine
{
    private readonly AlertRuleOptions _options;

    /// <exception cref="ArgumentException">The options are invalid (see <see cref="AlertRuleOptions.Validate"/>).</exception>
    public AlertRulesEngine(AlertRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.ValidatedCopy();
        RulesVersion = _options.RulesVersion;
    }

    /// <summary>Version of the configuration this engine applies, stored on the alerts it raises.</summary>
    public string RulesVersion { get; }

    /// <summary>The alert a response raises, or null when no rule fires.</summary>
    public AlertDecision? EvaluateResponse(ResponseAlertInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var at = Scheduling.CalendarDay.RequireUtc(input.At, nameof(input));
        var previousGrades = input.PreviousAnswers?
            .Where(a => a.CompositeGrade is not null)
            .ToDictionary(a => a.ItemKey, a => a.CompositeGrade!.Value);

        var symptomFindings = new List<AlertFinding>();
        foreach (var answer in input.Answers)
        {
            if (answer.CompositeGrade is not { } grade)
            {
                continue;
            }

            int? previous = previousGrades is not null && previousGrades.TryGetValue(answer.ItemKey, out var p) ? p : null;
            AlertRule? rule = grade >= _options.SevereGrade ? AlertRule.SevereSymptom
                : grade >= _options.WorseningMinimumGrade && grade - previous >= _options.WorseningMinimumIncrease
                    ? AlertRule.WorseningSymptom
                    : null;
            if (rule is null || IsExpected(answer.ItemKey, grade, input.ExpectedLevels, at))
            {
                continue;
            }

            symptomFindings.Add(new AlertFinding
            {
                Rule = rule.Value,
                ItemKey = answer.ItemKey,
                Grade = grade,
                PreviousGrade = previous,
                Priority = _options.PriorityOf(rule.Value),
            });
        }

        var findings = new List<AlertFinding>(symptomFindings);
        if (FeverRule.Assess(input.TemperatureCelsius, input.CytotoxicChemotherapy, _options) is { } feverRule)
        {
            findings.Add(new AlertFinding
            {
                Rule = feverRule,
                Value = input.TemperatureCelsius,
                Priority = _options.PriorityOf(feverRule),
            });
        }

        if (input.PatientUrgent)
        {
            findings.Add(new AlertFinding
            {
                Rule = AlertRule.PatientUrgency,
                Priority = _options.PriorityOf(AlertRule.PatientUrgency),
            });
        }

        if (findings.Count == 0)
        {
            return null;
        }

        // Highest grade first, and among equal grades the steepest rise, then questionnaire order.
        var worst = symptomFindings
            .OrderByDescending(f => f.Grade)
            .ThenByDescending(f => f.Grade - (f.PreviousGrade ?? f.Grade))
            .FirstOrDefault();

        return new AlertDecision
        {
            Kind = AlertKind.Response,
            Priority = findings.Min(f => f.Priority),
            Findings = [.. AlertReason.InPriorityOrder(findings)],
            WorstItemKey = worst?.ItemKey,
            WorstGrade = worst?.Grade,
            Worsened = symptomFindings.Any(f => f.Grade > f.PreviousGrade),
            RulesVersion = RulesVersion,
        };
    }

    /// <summary>
    /// The non-responder alert of a week, or null while it is answered or still within its grace period
    /// (see <see cref="NonResponderRule"/>).
    /// </summary>
    public AlertDecision? EvaluateMissedWeek(DateOnly dueDate, DateTime now, bool hasResponse, TimeZoneInfo timeZone)
    {
        if (!NonResponderRule.IsMissed(dueDate, _options.NonResponderGraceDays, now, hasResponse, timeZone))
        {
            return null;
        }

        var priority = _options.PriorityOf(AlertRule.MissedQuestionnaire);
        return new AlertDecision
        {
            Kind = AlertKind.NonResponder,
            Priority = priority,
            Findings = [new AlertFinding { Rule = AlertRule.MissedQuestionnaire, Priority = priority }],
            RulesVersion = RulesVersion,
        };
    }

    // The most recently started level that applies is the nurse's current judgement.
    private static bool IsExpected(string itemKey, int grade, IReadOnlyList<ExpectedLevel> levels, DateTime at)
    {
        var level = levels
            .Where(l => l.ItemKey == itemKey && l.AppliesAt(at))
            .OrderByDescending(l => l.From)
            .ThenBy(l => l.MaxGrade)
            .FirstOrDefault();
        return level is not null && grade <= level.MaxGrade;
    }
}

using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>The shape of a patient's weeks: what the story makes happen, and when.</summary>
internal enum StoryKind
{
    /// <summary>Usual side effects of the treatment, with small ups and downs.</summary>
    Stable = 0,

    /// <summary>One symptom climbs a grade every couple of weeks, up to the worst.</summary>
    SlowlyWorsening = 1,

    /// <summary>One symptom flares in one week, then settles.</summary>
    Flare = 2,

    /// <summary>A fever in one week (under cytotoxic chemotherapy: the nadir), with chills.</summary>
    FeverEpisode = 3,

    /// <summary>The patient asks for attention in one week.</summary>
    PatientUrgency = 4,

    /// <summary>The patient does not answer one week.</summary>
    MissedWeek = 5,

    /// <summary>Fatigue settles at a higher grade, which a nurse records as expected for a while.</summary>
    ExpectedFatigue = 6,
}

/// <summary>
/// One patient's symptom story: baseline levels (0-3) per item, the treatment's usual effects, and the event of
/// <see cref="Kind"/>. It only produces answers; their grades, and whether they alert, are the domain's to say.
/// </summary>
internal sealed class SymptomStory
{
    private const string Nausea = "nausea";
    private const string Fatigue = "fatigue";
    private const string Chills = "chills";

    public required RegimenChoice Regimen { get; init; }

    public required StoryKind Kind { get; init; }

    /// <summary>Age of the week of the event, in scheduled weeks before the latest one (0 = the latest).</summary>
    public int EventAge { get; init; }

    /// <summary>Item of a flare or of a worsening.</summary>
    public string? FocusItem { get; init; }

    /// <summary>Level a flare reaches (2 or 3).</summary>
    public int FlareLevel { get; init; } = 3;

    public required IReadOnlyDictionary<string, int> Baseline { get; init; }

    /// <summary>Share of weeks answered when nothing forces the answer.</summary>
    public double Adherence { get; init; } = 0.92;

    /// <summary>Weight at the start of the treatment.</summary>
    public required decimal BaseWeightKg { get; init; }

    /// <summary>The week the story is about: forced answered (or forced missed for <see cref="StoryKind.MissedWeek"/>).</summary>
    public bool IsEventWeek(int age) => Kind != StoryKind.Stable && age == EventAge;

    /// <summary>The patient's answers for one week.</summary>
    /// <param name="weekNumber">1 for the first questionnaire of the enrollment.</param>
    /// <param name="age">Scheduled weeks between this one and the latest (0 = the latest).</param>
    public QuestionnaireSubmission Answer(QuestionnaireDefinition definition, int weekNumber, int age, Random random)
    {
        var items = new Dictionary<string, SymptomAnswer?>(definition.Items.Count);
        foreach (var item in definition.Items)
        {
            items[item.Key] = AnswerFor(item, Level(item.Key, weekNumber, age, random), random);
        }

        var fever = Kind == StoryKind.FeverEpisode && age == EventAge;
        decimal? temperature = fever
            ? Regimen.Cytotoxic ? Tenths(38.4m, 39.3m, random) : Tenths(38.0m, 38.6m, random)
            : random.NextDouble() < 0.007 ? Tenths(38.0m, 38.2m, random)
            : random.NextDouble() < (Regimen.Cytotoxic ? 0.9 : 0.75) ? Tenths(36.1m, 37.3m, random)
            : null;
        decimal? weight = random.NextDouble() < 0.7
            ? Math.Round(BaseWeightKg - (Regimen.Cytotoxic ? 0.12m * weekNumber : 0.03m * weekNumber) + Tenths(-0.6m, 0.6m, random), 1)
            : null;
        var urgent = (Kind == StoryKind.PatientUrgency && age == EventAge) || random.NextDouble() < 0.012;
        var comment = random.NextDouble() < 0.12 ? DemoCatalog.Comments[random.Next(DemoCatalog.Comments.Length)] : null;

        return new QuestionnaireSubmission
        {
            Items = items,
            TemperatureCelsius = temperature,
            WeightKg = weight,
            PatientUrgent = urgent,
            Comment = comment,
        };
    }

    private int Level(string itemKey, int weekNumber, int age, Random random)
    {
        // From the week it rose, fatigue swings between 1 and 2: each swing up is what the expected level silences.
        if (Kind == StoryKind.ExpectedFatigue && itemKey == Fatigue && age <= EventAge)
        {
            return (EventAge - age) % 2 == 0 ? 2 : 1;
        }

        var level = Baseline.GetValueOrDefault(itemKey);

        // The week after an infusion is the hard one.
        if (Regimen.CycleWeeks > 0 && weekNumber % Regimen.CycleWeeks == 1 && itemKey is Nausea or Fatigue or "decreased_appetite"
            && random.NextDouble() < 0.3)
        {
            level++;
        }

        // Cumulative toxicities: oxaliplatin and taxane neuropathy, capecitabine and TKI hand-foot syndrome.
        if (Regimen.Neuropathy && itemKey == "numbness_tingling")
        {
            level = Math.Max(level, Math.Min(2, weekNumber / 7));
        }

        if (Regimen.HandFoot && itemKey == "hand_foot_syndrome")
        {
            level = Math.Max(level, Math.Min(2, weekNumber / 6));
        }

        level = StoryLevel(itemKey, age, level);

        var roll = random.NextDouble();
        if (level > 0 && roll < 0.08)
        {
            level--;
        }
        else if (roll > (level > 0 ? 0.96 : 0.985))
        {
            level++;
        }

        return Math.Clamp(level, 0, 3);
    }

    private int StoryLevel(string itemKey, int age, int level)
    {
        switch (Kind)
        {
            case StoryKind.SlowlyWorsening when itemKey == FocusItem && age >= EventAge && age - EventAge <= 5:
                // Three steps over six weeks: 1, 1, 2, 2, 3 at the event week.
                return Math.Max(level, 3 - ((age - EventAge + 1) / 2));
            case StoryKind.Flare when itemKey == FocusItem && age == EventAge:
                return Math.Max(level, FlareLevel);
            case StoryKind.Flare when itemKey == FocusItem && age == EventAge - 1:
                return Math.Max(level, FlareLevel - 1);
            case StoryKind.FeverEpisode when age == EventAge && itemKey is Chills or Fatigue:
                return Math.Max(level, 2);
            default:
                return level;
        }
    }

    /// <summary>Scores of one item for a level, following NCI branching: nothing is asked after a 0.</summary>
    private static SymptomAnswer AnswerFor(SymptomItem item, int level, Random random)
    {
        if (item.IsPresenceItem)
        {
            return new SymptomAnswer { Present = level > 0 };
        }

        var scores = new int?[3];
        var frequencyOnly = item.Attributes is [ProCtcaeAttributeKind.Frequency];
        for (var i = 0; i < item.Attributes.Count; i++)
        {
            int score;
            if (i == 0)
            {
                score = level switch
                {
                    0 => 0,
                    1 => frequencyOnly ? 1 + random.Next(2) : 1,
                    2 => frequencyOnly ? 3 : 2,
                    _ => frequencyOnly ? 4 : 3 + random.Next(2),
                };
            }
            else
            {
                var jitter = random.NextDouble() switch
                {
                    < 0.2 => -1,
                    > 0.8 => 1,
                    _ => 0,
                };
                score = Math.Clamp(level + jitter, 0, 4);
            }

            scores[(int)item.Attributes[i]] = score;
            if (score == 0)
            {
                break;
            }
        }

        return new SymptomAnswer { Frequency = scores[0], Severity = scores[1], Interference = scores[2] };
    }

    private static decimal Tenths(decimal min, decimal max, Random random) =>
        min + (random.Next((int)((max - min) * 10) + 1) / 10m);
}

using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>
/// What every part of one seed run shares: the day it is seeded for, the random seed, the key generator, the
/// organisation, and the clinical rules the portal itself applies.
/// </summary>
internal sealed class SeedContext
{
    public SeedContext(int randomSeed, DateTime now, SeedRules rules, bool isLoadData)
    {
        RandomSeed = randomSeed;
        Rules = rules;
        IsLoadData = isLoadData;
        Today = CalendarDay.Of(now, rules.TimeZone);
        Anchor = CalendarDay.StartUtc(Today, rules.TimeZone);
        Ids = new SeedIds(Mix(randomSeed, 0x01D5));
        Organisation = DemoOrganisation.Create(Ids, Anchor.AddDays(-1000));
        PublishedAt = Anchor.AddDays(-1000);
    }

    public int RandomSeed { get; }

    public SeedRules Rules { get; }

    public bool IsLoadData { get; }

    /// <summary>The patients' calendar day the data is seeded for.</summary>
    public DateOnly Today { get; }

    /// <summary>
    /// The start of <see cref="Today"/> (UTC): everything seeded happened before it, so that every run on the same
    /// day gives the same data.
    /// </summary>
    public DateTime Anchor { get; }

    public SeedIds Ids { get; }

    public DemoOrganisation Organisation { get; }

    /// <summary>When the questionnaire definitions were published, before any enrollment.</summary>
    public DateTime PublishedAt { get; }

    /// <summary>Seed of the random stream of the patient at an index: independent of the other patients'.</summary>
    public int StreamSeed(int index) => Mix(RandomSeed, index);

    /// <summary>
    /// A seed derived from two numbers by the SplitMix64 finaliser. Random streams seeded with nearby numbers start
    /// alike; derived seeds are far apart.
    /// </summary>
    public static int Mix(int seed, int salt)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) | (uint)salt;
            z += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            return (int)(z & 0x7FFF_FFFF);
        }
    }

    /// <summary>A UTC instant at a local time of a day, plus up to an hour drawn at random.</summary>
    public DateTime LocalTime(DateOnly day, int hour, int minute, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var local = day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified).AddMinutes(random.Next(60));
        return TimeZoneInfo.ConvertTimeToUtc(local, Rules.TimeZone);
    }

    /// <summary>The local time of a UTC instant.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Rules.TimeZone);
}

/// <summary>The portal's own clinical rules, as configured: the seed raises alerts only the way the portal would.</summary>
internal sealed class SeedRules
{
    public SeedRules(AlertRuleOptions alertRules, SlaOptions sla, ScheduleOptions schedule)
    {
        AlertRuleOptions = alertRules;
        ScheduleOptions = schedule;
        Engine = new AlertRulesEngine(alertRules);
        Sla = new SlaPolicy(sla);
        TimeZone = schedule.ResolveTimeZone();
        Published = QuestionnaireCatalog.Get(QuestionnaireCatalog.Current.Code, QuestionnaireCatalog.Current.Version);
    }

    public AlertRuleOptions AlertRuleOptions { get; }

    public ScheduleOptions ScheduleOptions { get; }

    public AlertRulesEngine Engine { get; }

    public SlaPolicy Sla { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The questionnaire new responses use.</summary>
    public PublishedQuestionnaire Published { get; }

    public QuestionnaireDefinition Definition => Published.Definition;
}

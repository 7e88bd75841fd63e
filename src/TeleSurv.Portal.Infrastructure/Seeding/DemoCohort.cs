using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>
/// Who the demo patients are. The stories are chosen so that the history exercises every alert rule and the
/// latest weeks leave something for each priority in the Rivemont queue; which alerts arise, and at which
/// priority, is still decided by the rules engine on the answers.
/// </summary>
internal static class DemoCohort
{
    // Indexes in DemoCatalog.Regimens.
    private const int Folfox = 0;
    private const int Folfiri = 1;
    private const int CarboPaclitaxel = 2;
    private const int EcPaclitaxel = 3;
    private const int Gemcitabine = 4;
    private const int Docetaxel = 5;
    private const int CarboPemetrexedPembrolizumab = 6;
    private const int FolfoxBevacizumab = 7;
    private const int PaclitaxelTrastuzumab = 8;
    private const int Capecitabine = 9;
    private const int Temozolomide = 10;
    private const int Pembrolizumab = 11;
    private const int Nivolumab = 12;
    private const int Atezolizumab = 13;
    private const int Durvalumab = 14;
    private const int Osimertinib = 15;
    private const int Sunitinib = 16;
    private const int Cabozantinib = 17;
    private const int Palbociclib = 18;
    private const int Letrozole = 19;
    private const int Enzalutamide = 20;
    private const int Abiraterone = 21;

    /// <summary>Hélène Rousseau, 64, on capecitabine at Rivemont: the patient of the README's link.</summary>
    public static readonly FixedIdentity DemoPatient =
        new("Rousseau", "Hélène Marie", Sex.Female, 64, "44109", DemoSeed.DemoPatientIpp);

    public static IReadOnlyList<PatientSpec> Specs(DemoOrganisation organisation)
    {
        var r = organisation.Rivemont;
        var v = organisation.Vallombre;
        var b = organisation.Bellerive;
        return
        [
            new(r, StoryKind.Stable, RegimenIndex: Capecitabine, Adherence: 1.0, Identity: DemoPatient),
            new(r, StoryKind.SlowlyWorsening, EventAge: 0, RegimenIndex: Folfox),
            new(r, StoryKind.FeverEpisode, EventAge: 0, RegimenIndex: CarboPaclitaxel),
            new(r, StoryKind.Flare, EventAge: 0, FocusItem: "diarrhea", RegimenIndex: Pembrolizumab),
            new(r, StoryKind.Flare, EventAge: 0, FocusItem: "nausea", FlareLevel: 2, RegimenIndex: Folfiri),
            new(r, StoryKind.MissedWeek, EventAge: 1, RegimenIndex: Sunitinib, QuestionnaireDay: DayOfWeek.Monday),
            new(r, StoryKind.MissedWeek, EventAge: 1, RegimenIndex: Osimertinib, QuestionnaireDay: DayOfWeek.Wednesday),
            new(r, StoryKind.MissedWeek, EventAge: 1, RegimenIndex: Letrozole, QuestionnaireDay: DayOfWeek.Friday),
            new(r, StoryKind.PatientUrgency, EventAge: 0, RegimenIndex: Nivolumab),
            new(r, StoryKind.ExpectedFatigue, EventAge: 5, RegimenIndex: FolfoxBevacizumab),
            new(r, StoryKind.Stable, RegimenIndex: CarboPaclitaxel, WithRadiotherapy: true),
            new(r, StoryKind.Stable, RegimenIndex: Gemcitabine, Provisional: true),
            new(r, StoryKind.Stable, RegimenIndex: Abiraterone, Status: EnrollmentStatus.Ended),
            new(r, StoryKind.SlowlyWorsening, EventAge: 3, RegimenIndex: Capecitabine),
            new(r, StoryKind.FeverEpisode, EventAge: 4, RegimenIndex: CarboPemetrexedPembrolizumab),
            new(r, StoryKind.Flare, EventAge: 1, FocusItem: "shortness_of_breath", RegimenIndex: Atezolizumab),
            new(r, StoryKind.Stable, RegimenIndex: EcPaclitaxel, Adherence: 0.85),
            new(r, AdtOnly: true),
            new(r, AdtOnly: true),

            new(v, StoryKind.Stable, RegimenIndex: Folfox),
            new(v, StoryKind.Flare, EventAge: 0, FocusItem: "cough", RegimenIndex: Durvalumab),
            new(v, StoryKind.SlowlyWorsening, EventAge: 1, RegimenIndex: PaclitaxelTrastuzumab),
            new(v, StoryKind.Stable, RegimenIndex: Cabozantinib, Provisional: true),
            new(v, StoryKind.FeverEpisode, EventAge: 2, RegimenIndex: Nivolumab),
            new(v, StoryKind.FeverEpisode, EventAge: 3, RegimenIndex: Folfiri),
            new(v, StoryKind.Stable, RegimenIndex: Enzalutamide, Status: EnrollmentStatus.Paused),
            new(v, StoryKind.PatientUrgency, EventAge: 1, RegimenIndex: Temozolomide),
            new(v, StoryKind.MissedWeek, EventAge: 1, RegimenIndex: Palbociclib),
            new(v, StoryKind.Flare, EventAge: 2, FocusItem: "vomiting", RegimenIndex: Gemcitabine),
            new(v, StoryKind.Stable, RegimenIndex: Pembrolizumab),
            new(v, StoryKind.Stable, RegimenIndex: Capecitabine),
            new(v, StoryKind.Flare, EventAge: 0, FocusItem: "nausea", FlareLevel: 2, RegimenIndex: CarboPaclitaxel),
            new(v, StoryKind.Stable, RegimenIndex: Letrozole),

            new(b, StoryKind.Stable, RegimenIndex: Folfox),
            new(b, StoryKind.Flare, EventAge: 0, FocusItem: "diarrhea", RegimenIndex: Pembrolizumab),
            new(b, StoryKind.SlowlyWorsening, EventAge: 0, RegimenIndex: Capecitabine),
            new(b, StoryKind.MissedWeek, EventAge: 1, RegimenIndex: Sunitinib),
            new(b, StoryKind.FeverEpisode, EventAge: 1, RegimenIndex: CarboPaclitaxel),
            new(b, StoryKind.Stable, RegimenIndex: Letrozole, Provisional: true),
            new(b, StoryKind.Stable, RegimenIndex: Osimertinib),
            new(b, StoryKind.PatientUrgency, EventAge: 2, RegimenIndex: Docetaxel),
            new(b, StoryKind.Stable, RegimenIndex: Nivolumab),
            new(b, AdtOnly: true),
        ];
    }

    /// <summary>A load-data patient: the same kinds of stories, drawn at random, spread over the three establishments.</summary>
    public static PatientSpec Drawn(DemoOrganisation organisation, Random random)
    {
        var roll = random.NextDouble();
        var establishment = roll < 0.45 ? organisation.Rivemont : roll < 0.8 ? organisation.Vallombre : organisation.Bellerive;
        var regimen = random.Next(DemoCatalog.Regimens.Length);
        var story = random.NextDouble() switch
        {
            < 0.45 => StoryKind.Stable,
            < 0.6 => StoryKind.SlowlyWorsening,
            < 0.75 => StoryKind.Flare,
            < 0.82 => StoryKind.FeverEpisode,
            < 0.9 => StoryKind.PatientUrgency,
            < 0.95 => StoryKind.MissedWeek,
            _ => StoryKind.ExpectedFatigue,
        };
        var status = random.NextDouble() switch
        {
            < 0.04 => EnrollmentStatus.Paused,
            < 0.1 => EnrollmentStatus.Ended,
            _ => EnrollmentStatus.Active,
        };
        return new PatientSpec(
            establishment,
            story,
            EventAge: random.Next(12),
            FlareLevel: random.NextDouble() < 0.7 ? 3 : 2,
            RegimenIndex: regimen,
            Status: status,
            Provisional: random.NextDouble() < 0.05,
            Adherence: 0.8 + (random.NextDouble() * 0.18));
    }
}

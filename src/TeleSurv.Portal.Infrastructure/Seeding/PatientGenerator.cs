using System.Globalization;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>What a generated patient should be: where, on what, with which story.</summary>
internal sealed record PatientSpec(
    Establishment Establishment,
    StoryKind Story = StoryKind.Stable,
    int EventAge = 0,
    string? FocusItem = null,
    int FlareLevel = 3,
    int? RegimenIndex = null,
    EnrollmentStatus Status = EnrollmentStatus.Active,
    bool Provisional = false,
    bool AdtOnly = false,
    double Adherence = 0.92,
    DayOfWeek? QuestionnaireDay = null,
    bool WithRadiotherapy = false,
    FixedIdentity? Identity = null);

/// <summary>A person whose identity the demo fixes (the demo patient named in the README).</summary>
internal sealed record FixedIdentity(string FamilyName, string FirstNames, Sex Sex, int Age, string BirthplaceCode, string Ipp);

/// <summary>A generated patient, the enrollment (none for a patient known only from ADT) and the story of the weeks.</summary>
internal sealed class SeedPatient
{
    public required Patient Patient { get; init; }

    public required Establishment Establishment { get; init; }

    public Enrollment? Enrollment { get; init; }

    public SymptomStory? Story { get; init; }

    /// <summary>Day the follow-up was paused or ended: no questionnaire is due from then on.</summary>
    public DateOnly? StoppedOn { get; init; }

    public List<ExpectedLevel> ExpectedLevels { get; } = [];

    /// <summary>Seed of the patient's own random stream, so that one patient's weeks do not depend on another's.</summary>
    public required int RandomSeed { get; init; }
}

/// <summary>
/// Draws fictitious patients and their enrollments: names with their accents, ages 35 to 85, INSEE birthplaces,
/// fictitious phone numbers, an 8-digit IPP per establishment and, for qualified identities, a test INS.
/// </summary>
internal sealed class PatientGenerator(SeedContext context)
{
    private readonly HashSet<string> _ipps = [];
    private readonly HashSet<string> _insNumbers = [];
    private readonly Random _names = new(SeedContext.Mix(context.RandomSeed, 0x5EED));
    private readonly Queue<string> _uniqueFamilyNames = new(Shuffle(
        DemoCatalog.FamilyNames.Where(n => n != "Rousseau"), new Random(SeedContext.Mix(context.RandomSeed, 0xFA11))));

    public SeedPatient Create(PatientSpec spec, int index, bool uniqueNames)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var seedForStream = context.StreamSeed(index);
        var random = new Random(seedForStream);

        var patient = NewPatient(spec, random, uniqueNames);
        if (spec.AdtOnly)
        {
            return new SeedPatient { Patient = patient, Establishment = spec.Establishment, RandomSeed = seedForStream };
        }

        var regimen = DemoCatalog.Regimens[spec.RegimenIndex ?? random.Next(DemoCatalog.Regimens.Length)];
        var (enrollment, stoppedOn) = NewEnrollment(spec, patient, regimen, random);
        var story = new SymptomStory
        {
            Regimen = regimen,
            Kind = spec.Story,
            EventAge = spec.EventAge,
            FocusItem = spec.FocusItem ?? FocusFor(spec.Story, regimen, random),
            FlareLevel = spec.FlareLevel,
            Baseline = Baseline(regimen, random),
            Adherence = spec.Adherence,
            BaseWeightKg = (patient.Sex == Sex.Female ? 58m : 72m) + random.Next(0, 250) / 10m,
        };
        return new SeedPatient
        {
            Patient = patient,
            Establishment = spec.Establishment,
            Enrollment = enrollment,
            Story = story,
            StoppedOn = stoppedOn,
            RandomSeed = seedForStream,
        };
    }

    private Patient NewPatient(PatientSpec spec, Random random, bool uniqueNames)
    {
        var identity = spec.Identity;
        var sex = identity?.Sex ?? (random.Next(2) == 0 ? Sex.Female : Sex.Male);
        var familyName = identity?.FamilyName
            ?? (uniqueNames && _uniqueFamilyNames.Count > 0 ? _uniqueFamilyNames.Dequeue() : Pick(DemoCatalog.FamilyNames, _names));
        var firstNames = identity?.FirstNames ?? FirstNames(sex, random);
        var age = identity?.Age ?? 35 + random.Next(51);
        var birthDate = context.Today.AddYears(-age).AddDays(-random.Next(1, 365));
        var birthplace = identity?.BirthplaceCode ?? Pick(DemoCatalog.BirthplaceCodes, random);
        var ipp = identity?.Ipp ?? NewIpp(spec.Establishment, random);
        _ipps.Add(spec.Establishment.Code + "|" + ipp);

        // A married woman often uses her spouse's name: the birth name stays the identity trait.
        string? usedFamilyName = null;
        if (identity is null && sex == Sex.Female && random.NextDouble() < 0.3)
        {
            usedFamilyName = uniqueNames && _uniqueFamilyNames.Count > 0
                ? _uniqueFamilyNames.Dequeue()
                : Pick(DemoCatalog.FamilyNames, _names);
        }

        var qualified = !spec.Provisional;
        var createdAt = context.LocalTime(context.Today.AddDays(-random.Next(130, 900)), 9, 0, random);
        return new Patient
        {
            Id = context.Ids.Next(createdAt),
            Ipp = ipp,
            IppAuthority = spec.Establishment.Code,
            Ins = qualified ? NewIns(sex, birthDate, birthplace, random) : null,
            InsOid = qualified ? InsOids.TestNir : null,
            IdentityStatus = qualified ? IdentityStatus.Qualified : IdentityStatus.Provisional,
            BirthFamilyName = familyName,
            UsedFamilyName = usedFamilyName == familyName ? null : usedFamilyName,
            FirstNames = firstNames,
            BirthDate = birthDate,
            Sex = sex,
            BirthplaceCode = birthplace,
            Phone = DemoIdentifiers.FictitiousPhone(random.NextDouble() < 0.75, random.Next(10_000)),
            AddressLine = string.Create(CultureInfo.InvariantCulture, $"{1 + random.Next(60)} {Pick(DemoCatalog.Streets, random)}"),
            PostalCode = PostalCodeOf(spec.Establishment),
            City = TownOf(spec.Establishment),
            Source = spec.Provisional ? PatientSource.Manual : PatientSource.Adt,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
    }

    private (Enrollment Enrollment, DateOnly? StoppedOn) NewEnrollment(
        PatientSpec spec, Patient patient, RegimenChoice regimen, Random random)
    {
        var weeksAgo = context.IsLoadData ? 9 + random.Next(44) : 9 + random.Next(12);
        var start = context.Today.AddDays(-(weeksAgo * 7) - random.Next(7));
        var consentDate = start.AddDays(-random.Next(1, 8));
        var createdAt = context.LocalTime(consentDate, 10, 0, random);
        var prescriptionEnd = random.NextDouble() < 0.5 ? start.AddMonths(6) : start.AddYears(1).AddDays(-1);
        DateOnly? stoppedOn = spec.Status switch
        {
            EnrollmentStatus.Paused => context.Today.AddDays(-(10 + random.Next(6))),
            EnrollmentStatus.Ended => context.Today.AddDays(-(18 + random.Next(10))),
            _ => null,
        };

        var enrollment = new Enrollment
        {
            Id = context.Ids.Next(createdAt),
            PatientId = patient.Id,
            EstablishmentId = spec.Establishment.Id,
            ReferringOncologistId = context.Organisation.OncologistOf(spec.Establishment).Id,
            NurseTeam = context.Organisation.TeamOf(spec.Establishment),
            Treatment = regimen.Treatment,
            CytotoxicChemotherapy = regimen.Cytotoxic,
            WithRadiotherapy = spec.WithRadiotherapy,
            Regimen = regimen.Regimen,
            StartDate = start,
            PrescriptionEnd = prescriptionEnd,
            CadenceWeeks = 1,
            QuestionnaireDay = spec.QuestionnaireDay ?? (DayOfWeek)(1 + random.Next(5)),
            Status = spec.Status,
            StatusReason = spec.Status switch
            {
                EnrollmentStatus.Paused => "Hospitalisation en cours : suivi suspendu jusqu'au retour à domicile.",
                EnrollmentStatus.Ended => "Fin du traitement, relais par la consultation de surveillance.",
                _ => null,
            },
            ConsentDecision = ConsentDecision.Given,
            ConsentDate = consentDate,
            ConsentMethod = random.NextDouble() < 0.6 ? ConsentMethod.Paper : ConsentMethod.Electronic,
            ConsentRecordedById = context.Organisation.Roussel.Id,
            ConsentInformation = DemoCatalog.ConsentInformation,
            CreatedAt = createdAt,
            Version = context.Ids.Next(createdAt),
        };
        return (enrollment, stoppedOn);
    }

    private string NewIpp(Establishment establishment, Random random)
    {
        var prefix = establishment.Code switch
        {
            DemoSeed.RivemontCode => 1,
            DemoSeed.VallombreCode => 2,
            _ => 3,
        };
        while (true)
        {
            var ipp = string.Create(CultureInfo.InvariantCulture, $"{prefix}{random.Next(0, 10_000_000):0000000}");
            if (!_ipps.Contains(establishment.Code + "|" + ipp))
            {
                return ipp;
            }
        }
    }

    private string NewIns(Sex sex, DateOnly birthDate, string birthplace, Random random)
    {
        while (true)
        {
            var ins = DemoIdentifiers.Nir(sex, birthDate, birthplace, 1 + random.Next(999));
            if (_insNumbers.Add(ins))
            {
                return ins;
            }
        }
    }

    private static string FirstNames(Sex sex, Random random)
    {
        var first = Pick(sex == Sex.Female ? DemoCatalog.FemaleFirstNames : DemoCatalog.MaleFirstNames, random);
        var middle = sex == Sex.Female ? DemoCatalog.FemaleMiddleNames : DemoCatalog.MaleMiddleNames;
        return random.NextDouble() switch
        {
            < 0.45 => first,
            < 0.85 => first + " " + Pick(middle, random),
            _ => first + " " + Pick(middle, random) + " " + Pick(middle, random),
        };
    }

    private static Dictionary<string, int> Baseline(RegimenChoice regimen, Random random)
    {
        var levels = new Dictionary<string, int>();
        void Maybe(string item, double chance)
        {
            if (random.NextDouble() < chance)
            {
                levels[item] = 1;
            }
        }

        Maybe("fatigue", 0.7);
        Maybe("anxiety", 0.35);
        Maybe("insomnia", 0.25);
        Maybe("pain", 0.3);
        Maybe("sad_unhappy", 0.2);
        if (regimen.Cytotoxic)
        {
            Maybe("nausea", 0.6);
            Maybe("decreased_appetite", 0.5);
            Maybe("constipation", 0.3);
            Maybe("diarrhea", 0.25);
            Maybe("mouth_throat_sores", 0.25);
        }

        if (regimen.ImmuneRelated)
        {
            Maybe("rash", 0.3);
            Maybe("diarrhea", 0.2);
            Maybe("cough", 0.25);
        }

        if (regimen.Skin)
        {
            Maybe("rash", 0.7);
        }

        if (regimen.Treatment == TreatmentType.HormoneTherapy)
        {
            Maybe("pain", 0.5);
            Maybe("insomnia", 0.4);
        }

        return levels;
    }

    private static string? FocusFor(StoryKind story, RegimenChoice regimen, Random random) => story switch
    {
        StoryKind.SlowlyWorsening => regimen.Neuropathy ? "numbness_tingling"
            : regimen.HandFoot ? "hand_foot_syndrome"
            : Pick(["fatigue", "pain", "shortness_of_breath", "decreased_appetite"], random),
        StoryKind.Flare => regimen.ImmuneRelated ? Pick(["diarrhea", "shortness_of_breath", "cough"], random)
            : regimen.Cytotoxic ? Pick(["nausea", "vomiting", "diarrhea", "mouth_throat_sores", "pain"], random)
            : Pick(["pain", "diarrhea", "abdominal_pain", "headache"], random),
        _ => null,
    };

    private static string PostalCodeOf(Establishment establishment) => establishment.Code switch
    {
        DemoSeed.RivemontCode => "44990",
        DemoSeed.VallombreCode => "85990",
        _ => "44995",
    };

    private static string TownOf(Establishment establishment) => establishment.Code switch
    {
        DemoSeed.RivemontCode => "Rivemont",
        DemoSeed.VallombreCode => "Vallombre",
        _ => "Bellerive",
    };

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];

    private static List<T> Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}

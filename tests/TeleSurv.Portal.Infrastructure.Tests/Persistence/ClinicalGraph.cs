using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Tests.Persistence;

/// <summary>One of every entity, linked together and with every optional value set, so a round trip checks them all.</summary>
internal sealed class ClinicalGraph
{
    /// <summary>Microsecond precision: PostgreSQL keeps no finer, and a round trip must give back the same instant.</summary>
    public static readonly DateTime Now = new DateTime(2026, 3, 2, 8, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560);

    public ClinicalGraph()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        Establishment = new Establishment { Finess = "69" + unique[..7].ToUpperInvariant(), Name = "Centre hospitalier de Test", Code = "CH" + unique, GhtName = "GHT Test" };
        Nurse = new StaffMember
        {
            Login = "ipa." + unique,
            DisplayName = "Claire Martin",
            Role = StaffRole.Ipa,
            Rpps = "10101010101",
            Email = "claire.martin@example.org",
            Team = "Oncologie HDJ",
            Establishments = { new StaffEstablishment { EstablishmentId = Establishment.Id } },
        };
        Patient = new Patient
        {
            Ipp = "IPP" + unique,
            IppAuthority = Establishment.Code,
            Ins = "255081416802538",
            InsOid = InsOids.TestNir,
            IdentityStatus = IdentityStatus.Qualified,
            BirthFamilyName = "Durand",
            UsedFamilyName = "Lefèvre",
            FirstNames = "Marie Josée",
            UsedFirstName = "Jo",
            BirthDate = new DateOnly(1955, 8, 14),
            Sex = Sex.Female,
            BirthplaceCode = "63220",
            Phone = "+33 6 12 34 56 78",
            Email = "marie.durand@example.org",
            AddressLine = "12 rue des Lilas",
            PostalCode = "69003",
            City = "Lyon",
            Source = PatientSource.Adt,
            CreatedAt = Now,
            UpdatedAt = Now.AddMinutes(5),
        };
        Enrollment = new Enrollment
        {
            PatientId = Patient.Id,
            EstablishmentId = Establishment.Id,
            ReferringOncologistId = Nurse.Id,
            NurseTeam = "Oncologie HDJ",
            Treatment = TreatmentType.IvChemotherapy,
            CytotoxicChemotherapy = true,
            WithRadiotherapy = true,
            Regimen = "FOLFOX J1=J15",
            StartDate = new DateOnly(2026, 2, 2),
            PrescriptionEnd = new DateOnly(2027, 2, 1),
            CadenceWeeks = 2,
            QuestionnaireDay = DayOfWeek.Thursday,
            Status = EnrollmentStatus.Paused,
            StatusReason = "Hospitalisation",
            ConsentDecision = ConsentDecision.Given,
            ConsentDate = new DateOnly(2026, 1, 30),
            ConsentMethod = ConsentMethod.Electronic,
            ConsentRecordedById = Nurse.Id,
            ConsentInformation = "Service non destiné aux urgences : appeler le 15.",
            CreatedAt = Now,
        };
        AccessLink = new PatientAccessLink
        {
            EnrollmentId = Enrollment.Id,
            TokenHash = new string('a', 56) + unique,
            IssuedAt = Now,
            ExpiresAt = Now.AddDays(90),
            RevokedAt = Now.AddDays(1),
            IssuedById = Nurse.Id,
        };
        Questionnaire = new Questionnaire { Code = "PRO-CTCAE-" + unique, Version = 3, Definition = """{"items":[]}""", PublishedAt = Now.AddDays(-30) };
        Response = new QuestionnaireResponse
        {
            EnrollmentId = Enrollment.Id,
            PatientId = Patient.Id,
            QuestionnaireId = Questionnaire.Id,
            WeekDueDate = new DateOnly(2026, 3, 2),
            SubmittedAt = Now,
            TemperatureCelsius = 38.6m,
            WeightKg = 61.4m,
            PatientUrgent = true,
            Comment = "Fièvre depuis hier soir",
            GradingTableVersion = "2024.1",
            ContentHash = new string('c', 64),
            Answers =
            {
                new ItemAnswer { ItemKey = "nausea", Frequency = 3, Severity = 2, Interference = null, CompositeGrade = 2 },
                new ItemAnswer { ItemKey = "rash", Present = true },
            },
        };
        Alert = new Alert
        {
            PatientId = Patient.Id,
            EnrollmentId = Enrollment.Id,
            EstablishmentId = Establishment.Id,
            ResponseId = Response.Id,
            Kind = AlertKind.Response,
            Priority = AlertPriority.Urgent,
            Status = AlertStatus.InProgress,
            RaisedAt = Now,
            SlaDueAt = Now.AddHours(2),
            WeekDueDate = new DateOnly(2026, 3, 2),
            ClaimedById = Nurse.Id,
            ClaimedAt = Now.AddMinutes(10),
            FirstActionAt = Now.AddMinutes(12),
            ResolvedAt = null,
            WorstItemKey = "nausea",
            WorstGrade = 2,
            Worsened = true,
            RulesVersion = "rules-1",
            Findings =
            {
                new AlertFinding { Rule = AlertRule.SuspectedFebrileNeutropenia, Value = 38.6m, Priority = AlertPriority.Urgent },
                new AlertFinding { Rule = AlertRule.WorseningSymptom, ItemKey = "nausea", Grade = 2, PreviousGrade = 1, Priority = AlertPriority.Medium },
            },
        };
        TriageAction = new TriageAction
        {
            AlertId = Alert.Id,
            PatientId = Patient.Id,
            Kind = TriageActionKind.PhoneCall,
            At = Now.AddMinutes(12),
            StaffMemberId = Nurse.Id,
            StaffName = Nurse.DisplayName,
            StaffRole = StaffRole.Ipa,
            Note = "Patiente rappelée, orientée vers les urgences.",
            Details = """{"outcome":"reached"}""",
        };
        ExpectedLevel = new ExpectedLevel
        {
            EnrollmentId = Enrollment.Id,
            ItemKey = "fatigue",
            MaxGrade = 2,
            From = Now,
            Until = Now.AddDays(14),
            SetById = Nurse.Id,
            Reason = "Attendu après la cure",
            CancelledAt = Now.AddDays(3),
        };
        AuditEntry = new AuditEntry
        {
            Sequence = 1,
            At = Now,
            StaffMemberId = Nurse.Id,
            Actor = Nurse.DisplayName,
            Role = nameof(StaffRole.Ipa),
            EstablishmentId = Establishment.Id,
            Action = "alert.claim",
            TargetType = nameof(Domain.Alerts.Alert),
            TargetId = Alert.Id.ToString(),
            PatientId = Patient.Id,
            Outcome = AuditOutcome.Success,
            Detail = """{"from":"Open"}""",
            PreviousHash = new string('0', 64),
            Hash = new string('f', 64),
        };
    }

    public Establishment Establishment { get; }

    public StaffMember Nurse { get; }

    public Patient Patient { get; }

    public Enrollment Enrollment { get; }

    public PatientAccessLink AccessLink { get; }

    public Questionnaire Questionnaire { get; }

    public QuestionnaireResponse Response { get; }

    public Alert Alert { get; }

    public TriageAction TriageAction { get; }

    public ExpectedLevel ExpectedLevel { get; }

    public AuditEntry AuditEntry { get; }

    public void AddTo(PortalDbContext db)
    {
        db.Establishments.Add(Establishment);
        db.StaffMembers.Add(Nurse);
        db.Patients.Add(Patient);
        db.Enrollments.Add(Enrollment);
        db.PatientAccessLinks.Add(AccessLink);
        db.Questionnaires.Add(Questionnaire);
        db.QuestionnaireResponses.Add(Response);
        db.Alerts.Add(Alert);
        db.TriageActions.Add(TriageAction);
        db.ExpectedLevels.Add(ExpectedLevel);
        db.AuditEntries.Add(AuditEntry);
    }
}

using System.Globalization;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Support;

/// <summary>
/// Builders of valid entities with unique identifiers, so that tests sharing a database never see each other's
/// rows through the scope of the users they create.
/// </summary>
public static class TestData
{
    private static int _counter = Random.Shared.Next(1_000_000);

    public static Establishment Establishment(string name = "Centre hospitalier de test")
    {
        var n = Next();
        return new Establishment
        {
            Finess = n.ToString("D9", CultureInfo.InvariantCulture),
            Name = name,
            Code = "E" + n.ToString(CultureInfo.InvariantCulture),
            GhtName = "GHT de test",
        };
    }

    public static StaffMember Staff(StaffRole role, string displayName, params Establishment[] establishments)
    {
        var member = new StaffMember
        {
            Login = $"{role.ToString().ToLowerInvariant()}.{Next()}",
            DisplayName = displayName,
            Role = role,
        };
        member.Establishments.AddRange(establishments.Select(e => new StaffEstablishment { StaffMemberId = member.Id, EstablishmentId = e.Id }));
        return member;
    }

    public static Patient Patient(
        string birthFamilyName, string firstNames, DateOnly birthDate, Establishment ippAuthority, string? ins = null, string? usedFamilyName = null) => new()
    {
        Ipp = "IPP" + Next().ToString(CultureInfo.InvariantCulture),
        IppAuthority = ippAuthority.Code,
        Ins = ins,
        InsOid = ins is null ? null : InsOids.TestNir,
        IdentityStatus = ins is null ? IdentityStatus.Provisional : IdentityStatus.Qualified,
        BirthFamilyName = birthFamilyName,
        UsedFamilyName = usedFamilyName,
        FirstNames = firstNames,
        BirthDate = birthDate,
        Sex = Sex.Female,
        Source = PatientSource.Adt,
        CreatedAt = ApplicationHost.DefaultNow.UtcDateTime,
        UpdatedAt = ApplicationHost.DefaultNow.UtcDateTime,
    };

    public static Enrollment Enrollment(Patient patient, Establishment establishment, EnrollmentStatus status = EnrollmentStatus.Active) => new()
    {
        PatientId = patient.Id,
        EstablishmentId = establishment.Id,
        Treatment = TreatmentType.IvChemotherapy,
        CytotoxicChemotherapy = true,
        StartDate = new DateOnly(2026, 1, 5),
        PrescriptionEnd = new DateOnly(2026, 12, 31),
        Status = status,
        ConsentDecision = ConsentDecision.Given,
        ConsentDate = new DateOnly(2026, 1, 5),
        ConsentMethod = ConsentMethod.Paper,
        ConsentInformation = "Informé que le service n'est pas un service d'urgence.",
        CreatedAt = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc),
    };

    public static Alert Alert(
        Enrollment enrollment,
        AlertPriority priority,
        DateTime slaDueAt,
        AlertStatus status = AlertStatus.Open,
        string? worstItemKey = "nausea",
        int? worstGrade = 2,
        Guid? claimedById = null,
        DateTime? raisedAt = null,
        params AlertFinding[] findings) => new()
    {
        PatientId = enrollment.PatientId,
        EnrollmentId = enrollment.Id,
        EstablishmentId = enrollment.EstablishmentId,
        Kind = AlertKind.Response,
        Priority = priority,
        Status = status,
        RaisedAt = raisedAt ?? slaDueAt.AddHours(-24),
        SlaDueAt = slaDueAt,
        WeekDueDate = DateOnly.FromDateTime(slaDueAt.AddDays(-1)),
        ClaimedById = claimedById,
        ClaimedAt = claimedById is null ? null : slaDueAt.AddHours(-20),
        ResolvedAt = status == AlertStatus.Resolved ? slaDueAt.AddHours(-1) : null,
        WorstItemKey = worstItemKey,
        WorstGrade = worstGrade,
        RulesVersion = "test-1",
        Findings = findings.Length > 0
            ? [.. findings]
            : [new AlertFinding { Rule = AlertRule.SevereSymptom, ItemKey = worstItemKey, Grade = worstGrade, Priority = priority }],
    };

    public static TestCurrentUser UserFor(StaffMember member) =>
        TestCurrentUser.Staff(member.Id, member.DisplayName, member.Role, [.. member.Establishments.Select(e => e.EstablishmentId)]);

    private static int Next() => Interlocked.Increment(ref _counter);
}

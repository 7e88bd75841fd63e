using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Patients;

public abstract class SearchPatientsTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private readonly Establishment _hospital = TestData.Establishment("CH Annecy Genevois");
    private readonly Establishment _elsewhere = TestData.Establishment("CHU Grenoble Alpes");
    private StaffMember _nurse = null!;
    private StaffMember _admin = null!;

    public async Task InitializeAsync()
    {
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _hospital);
        _admin = TestData.Staff(StaffRole.Admin, "Sophie GIRAUD", _hospital);
        await Host.InsertAsync(_hospital, _elsewhere, _nurse, _admin);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Finds_by_the_start_of_a_name_whatever_its_case()
    {
        var marie = await EnrolledAsync("DUPONT", "Marie Therese", _hospital);
        var jean = await EnrolledAsync("Dupuis", "Jean", _hospital);
        await EnrolledAsync("MARTIN", "Paul", _hospital);

        Assert.Equal([marie.Id, jean.Id], await IdsAsync(_nurse, "dup"));
        Assert.Equal([marie.Id], await IdsAsync(_nurse, "dupont mar"));
        Assert.Equal([marie.Id], await IdsAsync(_nurse, "there"));
        Assert.Equal([jean.Id], await IdsAsync(_nurse, "JEAN dup"));
    }

    [Fact]
    public async Task Takes_sql_wildcards_in_the_term_literally()
    {
        await EnrolledAsync("DUPRE", "Jules", _hospital);

        Assert.Empty(await IdsAsync(_nurse, "d_pre"));
        Assert.Empty(await IdsAsync(_nurse, "du%"));
    }

    [Fact]
    public async Task Finds_by_used_family_name_ipp_and_ins_prefix()
    {
        var patient = TestData.Patient("BRUN", "Alice", new DateOnly(1980, 5, 5), _hospital, ins: "280057512345671", usedFamilyName: "LAMBERT");
        await Host.InsertAsync(patient, TestData.Enrollment(patient, _hospital));

        Assert.Equal([patient.Id], await IdsAsync(_nurse, "lamb"));
        Assert.Equal([patient.Id], await IdsAsync(_nurse, patient.Ipp[..6]));
        Assert.Equal([patient.Id], await IdsAsync(_nurse, "28005751"));
    }

    [Fact]
    public async Task Never_finds_a_patient_followed_only_in_another_establishment()
    {
        await EnrolledAsync("FONTAINE", "Lucie", _elsewhere);

        var page = await Host.SendAsync(TestData.UserFor(_nurse), new SearchPatientsQuery { Term = "fontaine" });

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task Shows_only_the_enrolments_in_the_users_establishments()
    {
        var patient = await EnrolledAsync("CHEVALIER", "Nina", _hospital, EnrollmentStatus.Ended);
        var active = TestData.Enrollment(patient, _hospital);
        await Host.InsertAsync(active, TestData.Enrollment(patient, _elsewhere));

        var row = Assert.Single((await Host.SendAsync(TestData.UserFor(_nurse), new SearchPatientsQuery { Term = "cheval" })).Items);

        Assert.Equal(2, row.Enrollments.Count);
        Assert.All(row.Enrollments, e => Assert.Equal(_hospital.Id, e.EstablishmentId));
        Assert.Equal(active.Id, row.Enrollments[0].EnrollmentId);
        Assert.Equal(_hospital.Code, row.Enrollments[0].EstablishmentCode);
        Assert.Equal(EnrollmentStatus.Ended, row.Enrollments[1].Status);
    }

    [Fact]
    public async Task An_admin_also_finds_patients_from_adt_awaiting_enrolment_at_their_establishments()
    {
        var awaiting = TestData.Patient("PERRIN", "Léa", new DateOnly(1975, 1, 1), _hospital);
        var awaitingElsewhere = TestData.Patient("PERRET", "Léo", new DateOnly(1975, 1, 1), _elsewhere);
        await Host.InsertAsync(awaiting, awaitingElsewhere);
        var enrolled = await EnrolledAsync("PERROT", "Lina", _hospital);

        Assert.Equal([awaiting.Id, enrolled.Id], await IdsAsync(_admin, "perr"));
        Assert.Equal([enrolled.Id], await IdsAsync(_nurse, "perr"));
    }

    [Fact]
    public async Task Leaves_out_identities_merged_into_another()
    {
        var kept = await EnrolledAsync("BARBIER", "Zoé", _hospital);
        var merged = await EnrolledAsync("BARBIER", "Zoe", _hospital);
        await using (var db = Host.Database.CreateContext())
        {
            (await db.Patients.FindAsync(merged.Id))!.MergedIntoPatientId = kept.Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal([kept.Id], await IdsAsync(_nurse, "barbier"));
    }

    [Fact]
    public async Task Pages_in_name_order()
    {
        var names = new[] { "ANDRE", "BONNET", "CARON", "DAVID", "ETIENNE" };
        var patients = new List<Patient>();
        foreach (var name in names.Reverse())
        {
            patients.Add(await EnrolledAsync(name + "PAGE", "Test", _hospital));
        }

        var page = await Host.SendAsync(TestData.UserFor(_nurse), new SearchPatientsQuery { Term = "test", Page = 2, PageSize = 2 });

        Assert.Equal(["CARONPAGE Test", "DAVIDPAGE Test"], page.Items.Select(r => r.DisplayName));
        Assert.Equal(5, page.TotalCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" a ")]
    public async Task Refuses_a_term_shorter_than_two_characters(string term)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Host.SendAsync(TestData.UserFor(_nurse), new SearchPatientsQuery { Term = term }));

        Assert.Equal(["Term"], error.Errors.Keys);
    }

    [Fact]
    public async Task Refuses_a_search_narrowed_to_another_establishment()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(TestData.UserFor(_nurse), new SearchPatientsQuery { Term = "dupont", EstablishmentId = _elsewhere.Id }));
    }

    [Fact]
    public async Task A_search_is_audited_with_its_term()
    {
        await EnrolledAsync("GAUTHIER", "Inès", _hospital);

        await Host.SendAsync(TestData.UserFor(_nurse), new SearchPatientsQuery { Term = "gauth" });

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.StaffMemberId == _nurse.Id));
        Assert.Equal("patient.search", entry.Action);
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
        Assert.Contains("\"gauth\": 1 patient(s)", entry.Detail, StringComparison.Ordinal);
    }

    private async Task<Guid[]> IdsAsync(StaffMember member, string term) =>
        [.. (await Host.SendAsync(TestData.UserFor(member), new SearchPatientsQuery { Term = term })).Items.Select(r => r.PatientId)];

    private async Task<Patient> EnrolledAsync(string familyName, string firstNames, Establishment establishment, EnrollmentStatus status = EnrollmentStatus.Active)
    {
        var patient = TestData.Patient(familyName, firstNames, new DateOnly(1962, 9, 14), establishment);
        await Host.InsertAsync(patient, TestData.Enrollment(patient, establishment, status));
        return patient;
    }
}

public sealed class SearchPatientsSqliteTests(SqliteDatabaseFixture fixture) : SearchPatientsTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class SearchPatientsPostgresTests(PostgresDatabaseFixture fixture) : SearchPatientsTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class SearchPatientsSqlServerTests(SqlServerDatabaseFixture fixture) : SearchPatientsTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

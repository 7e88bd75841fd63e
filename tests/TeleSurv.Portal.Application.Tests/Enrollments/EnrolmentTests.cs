using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Enrollments;

/// <summary>
/// Enrolment by an admin: care team of the establishment, a prescription of at most a year, consent given or
/// refused (never active without it), pause, resume and end with a reason, provisional patients created by hand.
/// </summary>
public abstract class EnrolmentTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Consent_given_makes_an_active_follow_up_with_everything_the_admin_entered()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);

        var created = await scenario.EnrolAsync();

        Assert.Equal(EnrollmentStatus.Active, created.Status);
        var stored = await EnrollmentAsync(created.EnrollmentId);
        Assert.Equal(
            (scenario.Patient.Id, scenario.Establishment.Id, (Guid?)scenario.Oncologist.Id, EnrollmentScenario.Team, TreatmentType.Immunotherapy, true, "Pembrolizumab J1=J22"),
            (stored.PatientId, stored.EstablishmentId, stored.ReferringOncologistId, stored.NurseTeam, stored.Treatment, stored.WithRadiotherapy, stored.Regimen));
        Assert.Equal((new DateOnly(2026, 3, 10), new DateOnly(2026, 9, 9), 1, DayOfWeek.Thursday), (stored.StartDate, stored.PrescriptionEnd, stored.CadenceWeeks, stored.QuestionnaireDay));
        Assert.Equal(
            (ConsentDecision.Given, new DateOnly(2026, 3, 9), ConsentMethod.Electronic, (Guid?)scenario.Admin.Id),
            (stored.ConsentDecision, stored.ConsentDate, stored.ConsentMethod, stored.ConsentRecordedById));
        Assert.Contains("pas un service d'urgence", stored.ConsentInformation, StringComparison.Ordinal);
        Assert.Equal(Host.Now, stored.CreatedAt);

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "enrollment.create" && e.PatientId == scenario.Patient.Id));
        Assert.Equal(
            (AuditOutcome.Success, (Guid?)scenario.Admin.Id, "Admin", (Guid?)scenario.Establishment.Id, "Enrollment", created.EnrollmentId.ToString()),
            (entry.Outcome, entry.StaffMemberId, entry.Role, entry.EstablishmentId, entry.TargetType, entry.TargetId));
    }

    [Fact]
    public async Task A_refusal_is_recorded_and_never_becomes_an_active_follow_up()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);

        var created = await scenario.EnrolAsync(scenario.Command() with { ConsentDecision = ConsentDecision.Refused, ConsentMethod = ConsentMethod.Paper });

        Assert.Equal(EnrollmentStatus.Ended, created.Status);
        var stored = await EnrollmentAsync(created.EnrollmentId);
        Assert.Equal((ConsentDecision.Refused, Enrollment.ConsentRefusedReason), (stored.ConsentDecision, stored.StatusReason));
        await Assert.ThrowsAsync<ConflictException>(() =>
            Host.SendAsync(scenario.AdminUser, new IssuePatientLinkCommand(scenario.Patient.Id, created.EnrollmentId)));
        await Assert.ThrowsAsync<ConflictException>(() =>
            Host.SendAsync(scenario.AdminUser, new ResumeEnrollmentCommand(scenario.Patient.Id, created.EnrollmentId, created.Version, "Changement d'avis.")));

        // The patient may change their mind: a new enrolment with consent given.
        Assert.Equal(EnrollmentStatus.Active, (await scenario.EnrolAsync()).Status);
    }

    [Fact]
    public async Task A_prescription_runs_at_most_one_year_start_day_included()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var oneYear = scenario.Command() with { StartDate = new DateOnly(2026, 3, 10), PrescriptionEnd = new DateOnly(2027, 3, 9) };

        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => scenario.EnrolAsync(oneYear with { PrescriptionEnd = new DateOnly(2027, 3, 10) }));
        var backwards = await Assert.ThrowsAsync<ValidationFailedException>(() => scenario.EnrolAsync(oneYear with { PrescriptionEnd = new DateOnly(2026, 3, 9) }));
        var created = await scenario.EnrolAsync(oneYear);

        Assert.Equal([nameof(EnrolPatientCommand.PrescriptionEnd)], tooLong.Errors.Keys);
        Assert.Contains("2027-03-09", tooLong.Errors[nameof(EnrolPatientCommand.PrescriptionEnd)][0], StringComparison.Ordinal);
        Assert.Contains(nameof(EnrolPatientCommand.PrescriptionEnd), backwards.Errors.Keys);
        Assert.Equal(new DateOnly(2027, 3, 9), (await EnrollmentAsync(created.EnrollmentId)).PrescriptionEnd);
    }

    [Fact]
    public async Task Consent_needs_the_emergency_information_a_past_date_and_comes_before_the_start()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var command = scenario.Command();

        var uninformed = await Assert.ThrowsAsync<ValidationFailedException>(() => scenario.EnrolAsync(command with { InformedNotForEmergencies = false }));
        var future = await Assert.ThrowsAsync<ValidationFailedException>(() => scenario.EnrolAsync(command with { ConsentDate = new DateOnly(2026, 3, 11), StartDate = new DateOnly(2026, 3, 12) }));
        var late = await Assert.ThrowsAsync<ValidationFailedException>(() => scenario.EnrolAsync(command with { StartDate = new DateOnly(2026, 3, 2) }));
        var silent = await Assert.ThrowsAsync<ValidationFailedException>(() => scenario.EnrolAsync(command with { ConsentInformation = " " }));

        Assert.Equal([nameof(EnrolPatientCommand.InformedNotForEmergencies)], uninformed.Errors.Keys);
        Assert.Equal([nameof(EnrolPatientCommand.ConsentDate)], future.Errors.Keys);
        Assert.Equal([nameof(EnrolPatientCommand.StartDate)], late.Errors.Keys);
        Assert.Equal([nameof(EnrolPatientCommand.ConsentInformation)], silent.Errors.Keys);
        Assert.Empty(await Host.AuditEntriesAsync(e => e.PatientId == scenario.Patient.Id && e.Outcome == AuditOutcome.Success));
    }

    [Fact]
    public async Task The_care_team_must_be_the_establishment_s_own()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var elsewhere = await EnrollmentScenario.CreateAsync(Host);

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scenario.EnrolAsync(scenario.Command() with { ReferringOncologistId = elsewhere.Oncologist.Id, NurseTeam = "Équipe inconnue" }));
        var nurseAsOncologist = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scenario.EnrolAsync(scenario.Command() with { ReferringOncologistId = scenario.Nurse.Id }));

        Assert.Equal(
            [nameof(EnrolPatientCommand.NurseTeam), nameof(EnrolPatientCommand.ReferringOncologistId)],
            invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([nameof(EnrolPatientCommand.ReferringOncologistId)], nurseAsOncologist.Errors.Keys);
    }

    [Fact]
    public async Task A_patient_has_one_follow_up_in_force_per_establishment()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        await scenario.EnrolAsync();

        var duplicate = await Assert.ThrowsAsync<ConflictException>(() => scenario.EnrolAsync());

        Assert.Equal(ConflictKind.Duplicate, duplicate.Kind);
    }

    [Fact]
    public async Task An_admin_cannot_enrol_at_or_into_another_establishment()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var elsewhere = await EnrollmentScenario.CreateAsync(Host);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            scenario.EnrolAsync(elsewhere.Command()));
        await Assert.ThrowsAnyAsync<NotFoundException>(() =>
            scenario.EnrolAsync(scenario.Command(elsewhere.Patient.Id)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(TestData.UserFor(scenario.Oncologist), scenario.Command()));
    }

    [Fact]
    public async Task Pause_resume_and_end_keep_their_reason_and_refuse_a_stale_version()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var created = await scenario.EnrolAsync();
        var issued = await Host.SendAsync(scenario.AdminUser, new IssuePatientLinkCommand(scenario.Patient.Id, created.EnrollmentId));

        var paused = await Host.SendAsync(scenario.AdminUser, new PauseEnrollmentCommand(scenario.Patient.Id, created.EnrollmentId, created.Version, "Hospitalisation."));
        Assert.Equal(PatientLinkStatus.Paused, (await ResolveAsync(issued.Token)).Status);
        var stale = await Assert.ThrowsAsync<ConflictException>(() =>
            Host.SendAsync(scenario.AdminUser, new ResumeEnrollmentCommand(scenario.Patient.Id, created.EnrollmentId, created.Version, "Retour à domicile.")));
        var resumed = await Host.SendAsync(scenario.AdminUser, new ResumeEnrollmentCommand(scenario.Patient.Id, created.EnrollmentId, paused.Version, "Retour à domicile."));
        Assert.Equal(PatientLinkStatus.Active, (await ResolveAsync(issued.Token)).Status);
        var pausedAgain = await Assert.ThrowsAsync<ConflictException>(() =>
            Host.SendAsync(scenario.AdminUser, new ResumeEnrollmentCommand(scenario.Patient.Id, created.EnrollmentId, resumed.Version, "Encore.")));
        var ended = await Host.SendAsync(scenario.AdminUser, new EndEnrollmentCommand(scenario.Patient.Id, created.EnrollmentId, resumed.Version, "Fin du traitement."));

        Assert.Equal((EnrollmentStatus.Paused, EnrollmentStatus.Active, EnrollmentStatus.Ended), (paused.Status, resumed.Status, ended.Status));
        Assert.Equal(ConflictKind.Concurrency, stale.Kind);
        Assert.Equal(ConflictKind.State, pausedAgain.Kind);
        Assert.Equal("Fin du traitement.", (await EnrollmentAsync(created.EnrollmentId)).StatusReason);
        Assert.Equal(PatientLinkStatus.Revoked, (await ResolveAsync(issued.Token)).Status);
        var actions = (await Host.AuditEntriesAsync(e => e.PatientId == scenario.Patient.Id && e.Outcome == AuditOutcome.Success && e.Action.StartsWith("enrollment.")))
            .Select(e => e.Action);
        Assert.Equal(["enrollment.create", "enrollment.pause", "enrollment.resume", "enrollment.end"], actions);
        var end = Assert.Single(await Host.AuditEntriesAsync(e => e.PatientId == scenario.Patient.Id && e.Action == "enrollment.end"));
        Assert.Equal("Active -> Ended: Fin du traitement.", end.Detail);
    }

    [Fact]
    public async Task A_follow_up_whose_prescription_is_over_does_not_resume()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var created = await scenario.EnrolAsync(scenario.Command() with { PrescriptionEnd = new DateOnly(2026, 3, 31) });
        var paused = await Host.SendAsync(scenario.AdminUser, new PauseEnrollmentCommand(scenario.Patient.Id, created.EnrollmentId, created.Version, "Pause."));

        Host.Clock.Now = new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero);
        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            Host.SendAsync(scenario.AdminUser, new ResumeEnrollmentCommand(scenario.Patient.Id, created.EnrollmentId, paused.Version, "Reprise.")));

        Assert.Contains("2026-03-31", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_detail_shows_the_follow_up_its_consent_and_the_link_in_force_without_its_token()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var created = await scenario.EnrolAsync();
        var issued = await Host.SendAsync(scenario.AdminUser, new IssuePatientLinkCommand(scenario.Patient.Id, created.EnrollmentId));

        var detail = await Host.SendAsync(scenario.AdminUser, new GetEnrollmentQuery(scenario.Patient.Id, created.EnrollmentId));

        Assert.Equal(("ATTENTE Jeanne", "Dr Référent", "Admin Inclusions", EnrollmentStatus.Active), (detail.PatientName, detail.ReferringOncologistName, detail.ConsentRecordedByName, detail.Status));
        Assert.Equal((true, false, true, true), (detail.CanPause, detail.CanResume, detail.CanEnd, detail.CanIssueLink));
        Assert.Equal(new PatientLinkSummary(issued.LinkId, Host.Now, issued.ExpiresAt), detail.ActiveLink);
        Assert.DoesNotContain(issued.Token, detail.ToString(), StringComparison.Ordinal);
        var read = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "enrollment.read" && e.PatientId == scenario.Patient.Id));
        Assert.Equal(("Enrollment", created.EnrollmentId.ToString(), (Guid?)scenario.Establishment.Id), (read.TargetType, read.TargetId, read.EstablishmentId));
    }

    [Fact]
    public async Task A_provisional_patient_created_by_hand_is_found_and_can_be_enrolled()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var command = new CreateProvisionalPatientCommand
        {
            EstablishmentId = scenario.Establishment.Id,
            Ipp = " p" + Random.Shared.Next(10_000_000, 99_999_999),
            BirthFamilyName = "provisoire",
            FirstNames = "Anne Sophie",
            BirthDate = new DateOnly(1972, 5, 30),
            Sex = Sex.Female,
        };

        var patientId = await Host.SendAsync(scenario.AdminUser, command);
        var duplicate = await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(scenario.AdminUser, command with { BirthFamilyName = "Autre" }));
        var found = await Host.SendAsync(scenario.AdminUser, new SearchPatientsQuery { Term = "PROVISOIRE anne" });
        var created = await scenario.EnrolAsync(scenario.Command(patientId));

        Assert.Equal(ConflictKind.Duplicate, duplicate.Kind);
        var row = Assert.Single(found.Items, r => r.PatientId == patientId);
        Assert.Equal(("PROVISOIRE Anne", command.Ipp.Trim().ToUpperInvariant(), scenario.Establishment.Code, IdentityStatus.Provisional, PatientSource.Manual),
            (row.DisplayName, row.Ipp, row.IppAuthority, row.IdentityStatus, row.Source));
        Assert.Equal(EnrollmentStatus.Active, created.Status);
        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "patient.create" && e.PatientId == patientId));
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
    }

    [Fact]
    public async Task An_ins_with_its_right_key_is_accepted_even_when_its_sex_digit_disagrees_which_the_form_only_warns_about()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var command = new CreateProvisionalPatientCommand
        {
            EstablishmentId = scenario.Establishment.Id,
            Ipp = "P" + Random.Shared.Next(10_000_000, 99_999_999),
            BirthFamilyName = "CLE",
            FirstNames = "Juste",
            BirthDate = new DateOnly(1979, 3, 28),
            Sex = Sex.Male,
            Ins = "2790351215" + Random.Shared.Next(100, 999),
        };
        command = command with { Ins = command.Ins + Nir.Key(command.Ins!).ToString("00", System.Globalization.CultureInfo.InvariantCulture) };

        var patientId = await Host.SendAsync(scenario.AdminUser, command);

        await using var db = Host.Database.CreateContext();
        Assert.Equal(command.Ins, (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId)).Ins);
    }

    [Theory]
    [InlineData("Ipp", "")]
    [InlineData("Ipp", "12 34")]
    [InlineData("Ins", "12345")]
    [InlineData("InsKey", "123456789012345")]
    [InlineData("InsKey", "279035121518988")]
    [InlineData("BirthplaceCode", "7511")]
    [InlineData("BirthDate", "2026-03-11")]
    public async Task A_provisional_identity_with_a_bad_field_is_refused_by_name(string field, string value)
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var command = new CreateProvisionalPatientCommand
        {
            EstablishmentId = scenario.Establishment.Id,
            Ipp = field == "Ipp" ? value : "P1",
            Ins = field is "Ins" or "InsKey" ? value : null,
            BirthplaceCode = field == "BirthplaceCode" ? value : null,
            BirthFamilyName = "MAUVAIS",
            FirstNames = "Champ",
            BirthDate = field == "BirthDate" ? DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : new DateOnly(1980, 1, 1),
        };

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Host.SendAsync(scenario.AdminUser, command));

        Assert.Equal([field], refused.Errors.Keys);
    }

    [Fact]
    public async Task The_form_offers_the_oncologists_and_teams_of_each_of_the_admin_s_establishments()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);

        var choices = Assert.Single(await Host.SendAsync(scenario.AdminUser, new GetEnrollmentChoicesQuery()));

        Assert.Equal(scenario.Establishment.Id, choices.EstablishmentId);
        Assert.Equal([new StaffChoice(scenario.Oncologist.Id, "Dr Référent")], choices.Oncologists);
        Assert.Equal([EnrollmentScenario.Team], choices.NurseTeams);
    }

    private Task<PatientLinkResolution> ResolveAsync(string token) =>
        Host.SendAsync(TestCurrentUser.Anonymous(), new ResolvePatientLinkQuery(token));

    private async Task<Enrollment> EnrollmentAsync(Guid id)
    {
        await using var db = Host.Database.CreateContext();
        return await db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == id);
    }
}

public sealed class EnrolmentSqliteTests(SqliteDatabaseFixture fixture) : EnrolmentTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class EnrolmentPostgresTests(PostgresDatabaseFixture fixture) : EnrolmentTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class EnrolmentSqlServerTests(SqlServerDatabaseFixture fixture) : EnrolmentTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

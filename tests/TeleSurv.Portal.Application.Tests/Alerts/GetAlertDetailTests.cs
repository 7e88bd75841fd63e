using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Alerts;

public abstract class GetAlertDetailTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private readonly Establishment _hospital = TestData.Establishment("Hôpital de Bellevue");
    private readonly Establishment _riverside = TestData.Establishment("Centre hospitalier de la Rivière");
    private readonly Questionnaire _questionnaire = TriageData.Questionnaire();
    private StaffMember _nurse = null!;
    private StaffMember _oncologist = null!;
    private StaffMember _riversideNurse = null!;
    private Patient _patient = null!;
    private Enrollment _enrollment = null!;
    private Alert _alert = null!;

    public async Task InitializeAsync()
    {
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _hospital);
        _oncologist = TestData.Staff(StaffRole.Oncologist, "Dr Hélène PETIT", _hospital);
        _riversideNurse = TestData.Staff(StaffRole.Ide, "Nina RIVIÈRE", _riverside);
        _patient = TestData.Patient("DUPONT", "Marie Louise", new DateOnly(1960, 3, 11), _hospital, ins: "260037512345678");
        _enrollment = TestData.Enrollment(_patient, _hospital);
        _enrollment.ReferringOncologistId = _oncologist.Id;
        _enrollment.NurseTeam = "Hôpital de jour";
        _enrollment.Regimen = "FOLFOX J1=J15";
        await Host.InsertAsync(_hospital, _riverside, _questionnaire, _nurse, _oncologist, _riversideNurse, _patient, _enrollment);

        // Two earlier weeks answered, five unanswered, then the week that raised the alert.
        var at = Host.Now;
        var earlier = TriageData.Response(_enrollment, _questionnaire, new DateOnly(2026, 2, 23), at.AddDays(-15), TriageData.Answer("nausea", 1, 1));
        var lastWeek = TriageData.Response(_enrollment, _questionnaire, new DateOnly(2026, 3, 2), at.AddDays(-8), TriageData.Answer("nausea", 2, 2));
        var thisWeek = TriageData.Response(
            _enrollment, _questionnaire, new DateOnly(2026, 3, 9), at.AddHours(-3), 38.4m,
            TriageData.Answer("nausea", frequency: 3, severity: 3), TriageData.Answer("fatigue", severity: 2, interference: 2));
        _alert = TriageData.AlertFor(
            thisWeek, _enrollment, AlertPriority.High, at.AddHours(-3), TimeSpan.FromHours(12),
            new AlertFinding { Rule = AlertRule.Fever, Value = 38.4m, Priority = AlertPriority.High },
            TriageData.Severe("nausea", 3, previousGrade: 2),
            new AlertFinding { Rule = AlertRule.WorseningSymptom, ItemKey = "fatigue", Grade = 2, PreviousGrade = 1, Priority = AlertPriority.Medium });
        await Host.InsertAsync(earlier, lastWeek, thisWeek, _alert);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Shows_the_banner_the_findings_explained_the_trends_and_the_version_to_act_on()
    {
        var detail = await Host.SendAsync(TestData.UserFor(_nurse), new GetAlertDetailQuery(_alert.Id));

        Assert.Equal((_alert.Id, _alert.Version, AlertStatus.Open, AlertPriority.High), (detail.AlertId, detail.Version, detail.Status, detail.Priority));
        Assert.Equal((_alert.RaisedAt, _alert.SlaDueAt, false), (detail.RaisedAt, detail.SlaDueAt, detail.IsOverdue));

        var banner = detail.Patient;
        Assert.Equal(("DUPONT Marie", new DateOnly(1960, 3, 11), 65), (banner.DisplayName, banner.BirthDate, banner.Age));
        Assert.Equal((_patient.Ipp, "260037512345678", IdentityStatus.Qualified), (banner.Ipp, banner.Ins, banner.IdentityStatus));
        Assert.Equal(("Hôpital de Bellevue", _hospital.Code), (banner.EstablishmentName, banner.EstablishmentCode));
        Assert.Equal((TreatmentType.IvChemotherapy, "FOLFOX J1=J15", true), (banner.Treatment, banner.Regimen, banner.CytotoxicChemotherapy));
        Assert.Equal(("Dr Hélène PETIT", "Hôpital de jour"), (banner.ReferringOncologistName, banner.NurseTeam));

        Assert.Equal(38.4m, detail.Response!.TemperatureCelsius);
        Assert.Equal([AlertRule.SevereSymptom, AlertRule.Fever, AlertRule.WorseningSymptom], detail.Findings.Select(f => f.Rule));
        var fever = detail.Findings[1];
        Assert.Equal(new LocalizedText("Fièvre : 38,4 °C", "Fever: 38.4 °C"), fever.Explanation);
        Assert.Null(fever.Answer);
        var nausea = detail.Findings[0];
        Assert.Equal(
            new LocalizedText(
                "Grade 3 (sévère) : Nausées, grade 2 la semaine précédente — fréquence 3, intensité 3",
                "Grade 3 (severe): Nausea (feeling sick to your stomach), grade 2 the week before — frequency 3, severity 3"),
            nausea.Explanation);
        Assert.Equal(new ItemAnswerView(3, 3, null, null, 3), nausea.Answer);
        Assert.Equal("Nausées", nausea.ItemLabel!.Fr);
        Assert.Equal(
            "Aggravation : Fatigue, grade 1 → 2 (modéré) — intensité 2, retentissement 2",
            detail.Findings[2].Explanation.Fr);

        Assert.Equal(["nausea", "fatigue"], detail.Trends.Select(t => t.ItemKey));
        var weeks = Enumerable.Range(0, 8).Select(i => new DateOnly(2026, 1, 19).AddDays(7 * i)).ToList();
        Assert.Equal(weeks, detail.Trends[0].Points.Select(p => p.WeekDueDate));
        Assert.Equal([null, null, null, null, null, 1, 2, 3], detail.Trends[0].Points.Select(p => p.Grade));
        Assert.Equal([false, false, false, false, false, true, true, true], detail.Trends[0].Points.Select(p => p.Answered));
        Assert.Equal([null, null, null, null, null, null, null, 2], detail.Trends[1].Points.Select(p => p.Grade));

        Assert.Empty(detail.Actions);
        Assert.Empty(detail.PreviousAlerts);
        Assert.Null(detail.Report);
        Assert.Empty(detail.ReportVersions);
    }

    [Fact]
    public async Task Shows_the_actions_the_confirmed_grade_and_once_resolved_the_report()
    {
        var nurse = TestData.UserFor(_nurse);
        var version = (await Host.SendAsync(nurse, new ClaimAlertCommand(_alert.Id, _alert.Version))).Version;
        version = (await Host.SendAsync(nurse, new ConfirmCtcaeGradeCommand(_alert.Id, version, "nausea", 2, null))).Version;
        var open = await Host.SendAsync(nurse, new GetAlertDetailQuery(_alert.Id));
        var resolved = await Host.SendAsync(nurse, new ResolveAlertCommand(_alert.Id, version, "Antiémétique, rappel J+2."));

        var detail = await Host.SendAsync(TestData.UserFor(_oncologist), new GetAlertDetailQuery(_alert.Id));

        Assert.Equal(version, open.Version);
        Assert.Equal((_nurse.Id, "Claire MARTIN"), (open.ClaimedById, open.ClaimedByName));
        Assert.Equal(2, open.Findings.Single(f => f.ItemKey == "nausea").ConfirmedCtcaeGrade);
        Assert.Null(open.Findings.Single(f => f.ItemKey == "fatigue").ConfirmedCtcaeGrade);

        Assert.Equal(resolved.Version, detail.Version);
        Assert.Equal(AlertStatus.Resolved, detail.Status);
        Assert.Equal(
            [TriageActionKind.Claim, TriageActionKind.GradeConfirmed, TriageActionKind.Resolution],
            detail.Actions.Select(a => a.Kind));
        Assert.Equal(new LocalizedText("Grade CTCAE confirmé : Nausées, grade 2 (modéré)",
            "CTCAE grade confirmed: Nausea (feeling sick to your stomach), grade 2 (moderate)"), detail.Actions[1].Summary);
        Assert.Equal(("Claire MARTIN", StaffRole.Ide), (detail.Actions[0].StaffName, detail.Actions[0].StaffRole));
        Assert.Equal(1, detail.Report!.VersionNumber);
        Assert.Contains("Antiémétique, rappel J+2.", detail.Report.Text, StringComparison.Ordinal);
        Assert.Equal([1], detail.ReportVersions.Select(v => v.VersionNumber));
    }

    [Fact]
    public async Task Lists_the_patients_previous_alerts_of_the_users_establishments_with_their_actions()
    {
        var older = TestData.Alert(_enrollment, AlertPriority.Medium, Host.Now.AddDays(-5), AlertStatus.Resolved, "diarrhea", 2);
        var call = new TriageAction
        {
            AlertId = older.Id,
            PatientId = _patient.Id,
            Kind = TriageActionKind.PhoneCall,
            At = Host.Now.AddDays(-6).AddHours(1),
            StaffMemberId = _nurse.Id,
            StaffName = _nurse.DisplayName,
            StaffRole = StaffRole.Ide,
            Details = TriageActionDetails.Serialize(new PhoneCallDetails(PhoneCallOutcome.Reached)),
        };
        var riversideEnrollment = TestData.Enrollment(_patient, _riverside);
        var elsewhere = TestData.Alert(riversideEnrollment, AlertPriority.Urgent, Host.Now.AddDays(-2));
        var later = TestData.Alert(_enrollment, AlertPriority.Low, Host.Now.AddDays(3));
        await Host.InsertAsync(older, riversideEnrollment, elsewhere, later);
        await Host.InsertAsync(call);

        var detail = await Host.SendAsync(TestData.UserFor(_nurse), new GetAlertDetailQuery(_alert.Id));

        var previous = Assert.Single(detail.PreviousAlerts);
        Assert.Equal((older.Id, AlertStatus.Resolved, "diarrhea", 2), (previous.AlertId, previous.Status, previous.WorstItemKey, previous.WorstGrade));
        var action = Assert.Single(previous.Actions);
        Assert.Equal(new LocalizedText("Appel téléphonique : patient joint", "Phone call: patient reached"), action.Summary);
    }

    [Fact]
    public async Task An_alert_of_another_establishment_is_not_found_and_the_attempt_is_audited()
    {
        await Assert.ThrowsAnyAsync<NotFoundException>(() =>
            Host.SendAsync(TestData.UserFor(_riversideNurse), new GetAlertDetailQuery(_alert.Id)));

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.TargetId == _alert.Id.ToString() && e.StaffMemberId == _riversideNurse.Id));
        Assert.Equal((AuditOutcome.Denied, "alert.read"), (entry.Outcome, entry.Action));
    }

    [Fact]
    public async Task Reading_an_alert_is_audited_as_a_read_of_the_patients_data()
    {
        await Host.SendAsync(TestData.UserFor(_nurse), new GetAlertDetailQuery(_alert.Id));

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "alert.read" && e.TargetId == _alert.Id.ToString()));
        Assert.Equal((AuditOutcome.Success, _patient.Id, _hospital.Id), (entry.Outcome, entry.PatientId, entry.EstablishmentId));
    }

    [Fact]
    public async Task An_admin_may_not_read_an_alert()
    {
        var admin = TestData.Staff(StaffRole.Admin, "Adèle ADMIN", _hospital);
        await Host.InsertAsync(admin);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Host.SendAsync(TestData.UserFor(admin), new GetAlertDetailQuery(_alert.Id)));
    }
}

public sealed class GetAlertDetailSqliteTests(SqliteDatabaseFixture fixture) : GetAlertDetailTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class GetAlertDetailPostgresTests(PostgresDatabaseFixture fixture) : GetAlertDetailTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class GetAlertDetailSqlServerTests(SqlServerDatabaseFixture fixture) : GetAlertDetailTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

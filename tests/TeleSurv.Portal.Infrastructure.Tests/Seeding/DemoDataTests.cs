using System.Globalization;
using System.Text.Json;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Seeding;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Infrastructure.Tests.Seeding;

/// <summary>What the demo seed writes into an empty database: the GHT, its people, and a living alert queue.</summary>
public abstract class DemoDataTests(SeededDatabaseFixture fixture)
{
    private static readonly (DateOnly Today, DateTime Anchor) SeedDay = SeededData.SeedDay(SeededDatabaseFixture.Now);

    private SeededData Data => fixture.Data;

    [Fact]
    public void The_ght_has_its_three_establishments_with_valid_finess_numbers()
    {
        Assert.Equal(
            [("CHRIV", "CHU de Rivemont"), ("CHVAL", "CH de Vallombre"), ("HBEL", "Hôpital de Bellerive")],
            Data.Establishments.Select(e => (e.Code, e.Name)).Order());
        Assert.All(Data.Establishments, e =>
        {
            Assert.Equal("GHT Estuaire et Bocage", e.GhtName);
            Assert.Matches("^[0-9]{9}$", e.Finess);
            Assert.True(LuhnValid(e.Finess), $"FINESS {e.Finess} fails its Luhn key.");
        });
        Assert.Equal(3, fixture.Result.Establishments);
    }

    [Fact]
    public void The_staff_are_the_six_demo_users_with_their_roles_and_establishments()
    {
        var expected = new[]
        {
            ("admin.roussel", "Nadia Roussel", StaffRole.Admin, "CHRIV CHVAL HBEL"),
            ("ide.bernard", "Julien Bernard", StaffRole.Ide, "CHRIV"),
            ("ide.petit", "Thomas Petit", StaffRole.Ide, "HBEL"),
            ("ipa.martin", "Claire Martin", StaffRole.Ipa, "CHRIV CHVAL"),
            ("onco.garnier", "Dr Marc Garnier", StaffRole.Oncologist, "HBEL"),
            ("onco.lefevre", "Dr Sophie Lefèvre", StaffRole.Oncologist, "CHRIV CHVAL"),
        };
        var codes = Data.Establishments.ToDictionary(e => e.Id, e => e.Code);
        Assert.Equal(
            expected,
            Data.Staff
                .Select(s => (s.Login, s.DisplayName, s.Role,
                    string.Join(' ', s.Establishments.Select(l => codes[l.EstablishmentId]).Order(StringComparer.Ordinal))))
                .OrderBy(s => s.Login, StringComparer.Ordinal));
        Assert.Equal(DemoSeed.StaffLogins.Order(StringComparer.Ordinal), Data.Staff.Select(s => s.Login).Order(StringComparer.Ordinal));
        Assert.All(Data.Staff, s => Assert.True(s.IsActive));
        Assert.All(Data.Staff.Where(s => s.Role is StaffRole.Ide or StaffRole.Ipa), s => Assert.NotNull(s.Team));
        Assert.All(Data.Staff.Where(s => s.Rpps is not null), s => Assert.True(LuhnValid(s.Rpps!) && s.Rpps!.Length == 11));
    }

    [Fact]
    public void About_forty_patients_have_plausible_french_identities()
    {
        Assert.InRange(Data.Patients.Count, 40, 45);
        Assert.Equal(Data.Patients.Count, fixture.Result.Patients);
        var codes = Data.Establishments.Select(e => e.Code).ToHashSet();
        Assert.All(Data.Patients, p =>
        {
            Assert.Matches("^[0-9]{8}$", p.Ipp);
            Assert.Contains(p.IppAuthority, codes);
            Assert.InRange(p.AgeOn(SeedDay.Today), 35, 85);
            Assert.True(p.Sex is Sex.Female or Sex.Male);
            Assert.Matches("^(0[1-9]|[1-8][0-9]|9[0-5]|99)[0-9]{3}$", p.BirthplaceCode!);
            Assert.Matches("^(01 99 00|06 39 98) [0-9]{2} [0-9]{2}$", p.Phone!);
        });
        Assert.Equal(Data.Patients.Count, Data.Patients.Select(p => (p.IppAuthority, p.Ipp)).Distinct().Count());
        Assert.Contains(Data.Patients, p => p.BirthFamilyName.Any(c => c > 127) || p.FirstNames.Any(c => c > 127));

        // Most establishments' patients are at Rivemont and Vallombre.
        var byEstablishment = Data.Patients.GroupBy(p => p.IppAuthority).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byEstablishment["CHRIV"] + byEstablishment["CHVAL"] > 2 * byEstablishment["HBEL"]);
    }

    [Fact]
    public void Qualified_identities_carry_a_test_ins_with_a_correct_key_and_provisional_ones_none()
    {
        var qualified = Data.Patients.Where(p => p.IdentityStatus == IdentityStatus.Qualified).ToList();
        var provisional = Data.Patients.Where(p => p.IdentityStatus == IdentityStatus.Provisional).ToList();
        Assert.Equal(Data.Patients.Count, qualified.Count + provisional.Count);
        Assert.True(qualified.Count > 3 * provisional.Count);
        Assert.InRange(provisional.Count, 2, 5);

        Assert.All(qualified, p =>
        {
            Assert.Equal(InsOids.TestNir, p.InsOid);
            Assert.Matches("^[12][0-9]{14}$", p.Ins!);
            var number = ulong.Parse(p.Ins![..13], CultureInfo.InvariantCulture);
            Assert.Equal(97 - (int)(number % 97), int.Parse(p.Ins[13..], CultureInfo.InvariantCulture));
            Assert.Equal(p.Sex == Sex.Female ? '2' : '1', p.Ins[0]);
            Assert.Equal(p.BirthDate.ToString("yyMM", CultureInfo.InvariantCulture), p.Ins[1..5]);
            Assert.Equal(p.BirthplaceCode, p.Ins[5..10]);
        });
        Assert.Equal(qualified.Count, qualified.Select(p => p.Ins).Distinct().Count());
        Assert.All(provisional, p =>
        {
            Assert.Null(p.Ins);
            Assert.Null(p.InsOid);
            Assert.Equal(PatientSource.Manual, p.Source);
        });
    }

    [Fact]
    public void Three_patients_known_only_from_adt_await_enrolment()
    {
        var enrolled = Data.Enrollments.Select(e => e.PatientId).ToHashSet();
        var awaiting = Data.Patients.Where(p => !enrolled.Contains(p.Id)).ToList();
        Assert.Equal(3, awaiting.Count);
        Assert.All(awaiting, p => Assert.Equal(PatientSource.Adt, p.Source));
        Assert.Equal(40, Data.Enrollments.Count);
        Assert.Equal(Data.Enrollments.Count, Data.Enrollments.Select(e => e.PatientId).Distinct().Count());
    }

    [Fact]
    public void Enrollments_vary_the_treatment_and_record_the_consent()
    {
        var admin = Data.StaffMember(DemoSeed.AdminLogin);
        var oncologists = Data.Staff.Where(s => s.Role == StaffRole.Oncologist).Select(s => s.Id).ToHashSet();
        Assert.All(Data.Enrollments, e =>
        {
            Assert.Contains(e.ReferringOncologistId!.Value, oncologists);
            Assert.False(string.IsNullOrWhiteSpace(e.NurseTeam));
            Assert.False(string.IsNullOrWhiteSpace(e.Regimen));
            Assert.InRange(SeedDay.Today.DayNumber - e.StartDate.DayNumber, 9 * 7, (21 * 7) - 1);
            Assert.True(e.PrescriptionEnd > e.StartDate && Enrollment.IsPrescriptionWithinOneYear(e.StartDate, e.PrescriptionEnd));
            Assert.Equal(1, e.CadenceWeeks);
            Assert.Equal(ConsentDecision.Given, e.ConsentDecision);
            Assert.True(e.ConsentDate <= e.StartDate);
            Assert.Equal(admin.Id, e.ConsentRecordedById);
            Assert.Contains("n'est pas un service d'urgence", e.ConsentInformation, StringComparison.Ordinal);
            Assert.Contains("15", e.ConsentInformation, StringComparison.Ordinal);
            if (e.Treatment is TreatmentType.IvChemotherapy or TreatmentType.Combined)
            {
                Assert.True(e.CytotoxicChemotherapy, $"{e.Regimen} is cytotoxic chemotherapy.");
            }

            if (e.Treatment is TreatmentType.Immunotherapy or TreatmentType.HormoneTherapy or TreatmentType.TargetedTherapy)
            {
                Assert.False(e.CytotoxicChemotherapy, $"{e.Regimen} is not cytotoxic chemotherapy.");
            }
        });
        Assert.Equal(Enum.GetValues<TreatmentType>().Order(), Data.Enrollments.Select(e => e.Treatment).Distinct().Order());
        Assert.True(Data.Enrollments.Select(e => e.QuestionnaireDay).Distinct().Count() >= 4);
        Assert.Single(Data.Enrollments, e => e.Status == EnrollmentStatus.Paused);
        Assert.Single(Data.Enrollments, e => e.Status == EnrollmentStatus.Ended);
        Assert.All(Data.Enrollments.Where(e => e.Status != EnrollmentStatus.Active), e => Assert.NotNull(e.StatusReason));
        Assert.Contains(Data.Enrollments, e => e.ConsentMethod == ConsentMethod.Paper);
        Assert.Contains(Data.Enrollments, e => e.ConsentMethod == ConsentMethod.Electronic);
    }

    [Fact]
    public void The_current_questionnaire_definition_is_stored_as_published()
    {
        var published = QuestionnaireCatalog.All;
        Assert.Equal(
            published.Select(p => (p.Definition.Code, p.Definition.Version, p.Json)),
            Data.Questionnaires.Select(q => (q.Code, q.Version, q.Definition)).OrderBy(q => q.Code).ThenBy(q => q.Version));
        Assert.All(Data.Questionnaires, q => Assert.True(q.PublishedAt < Data.Enrollments.Min(e => e.CreatedAt)));
    }

    [Fact]
    public void Every_active_patient_answered_about_nine_weeks_in_ten_of_at_least_the_last_eight()
    {
        var scheduled = 0;
        var answered = 0;
        foreach (var enrollment in Data.Enrollments.Where(e => e.Status == EnrollmentStatus.Active))
        {
            var schedule = QuestionnaireSchedule.For(enrollment, new ScheduleOptions());
            var weeks = schedule.Weeks.Where(w => w.OpensAt < SeedDay.Anchor).ToList();
            var responses = Data.Responses.Where(r => r.EnrollmentId == enrollment.Id).ToList();
            Assert.True(weeks.Count >= 9, $"Enrollment {enrollment.Id} has {weeks.Count} weeks of history.");
            var lastEight = responses.Count(r => weeks.TakeLast(8).Any(w => w.DueDate == r.WeekDueDate));
            Assert.True(lastEight >= 4, $"Enrollment {enrollment.Id} answered {lastEight} of its last 8 weeks.");

            foreach (var response in responses)
            {
                // A response belongs to the scheduled week whose window holds its submission time.
                Assert.Equal(response.WeekDueDate, schedule.WeekFor(response.SubmittedAt)?.DueDate);
                Assert.True(response.SubmittedAt < SeedDay.Anchor, $"Response {response.Id} is after the seed day.");
                Assert.Equal(enrollment.PatientId, response.PatientId);
            }

            scheduled += weeks.Count;
            answered += responses.Count;
        }

        Assert.InRange((double)answered / scheduled, 0.85, 0.95);
        Assert.Equal(Data.Responses.Count, fixture.Result.Responses);
    }

    [Fact]
    public void Every_priority_has_open_alerts_in_the_rivemont_queue()
    {
        var rivemont = Data.Establishment(DemoSeed.RivemontCode).Id;
        foreach (var priority in Enum.GetValues<AlertPriority>())
        {
            Assert.Contains(Data.Alerts, a => a.EstablishmentId == rivemont && a.Priority == priority && a.Status == AlertStatus.Open);
        }
    }

    [Fact]
    public void Every_alert_rule_fired_somewhere_in_the_history()
    {
        Assert.Equal(
            Enum.GetValues<AlertRule>().Order(),
            Data.Alerts.SelectMany(a => a.Findings).Select(f => f.Rule).Distinct().Order());
        Assert.Contains(Data.Alerts, a => a.Kind == AlertKind.NonResponder);
        Assert.Contains(Data.Alerts, a => a.Worsened);
    }

    [Fact]
    public void The_queue_is_alive_with_open_in_progress_escalated_and_overdue_alerts()
    {
        var now = SeededDatabaseFixture.Now.UtcDateTime;
        var unresolved = Data.Alerts.Where(a => a.Status != AlertStatus.Resolved).ToList();
        Assert.InRange(unresolved.Count, 8, 40);
        Assert.InRange(unresolved.Count(a => a.Status == AlertStatus.Escalated), 2, 3);
        Assert.Contains(unresolved, a => a.Status == AlertStatus.InProgress);
        Assert.Contains(unresolved, a => a.IsOverdueAt(now));
        Assert.Contains(unresolved, a => !a.IsOverdueAt(now));
        Assert.Equal(unresolved.Count, fixture.Result.UnresolvedAlerts);

        // Older alerts have been dealt with.
        var old = Data.Alerts.Where(a => a.RaisedAt < SeedDay.Anchor.AddDays(-6)).ToList();
        Assert.True(old.Count(a => a.Status == AlertStatus.Resolved) >= 0.95 * old.Count);
    }

    [Fact]
    public void Claimed_alerts_are_held_by_a_nurse_of_their_establishment()
    {
        var nurses = Data.Staff.Where(s => s.Role is StaffRole.Ide or StaffRole.Ipa).ToDictionary(s => s.Id);
        foreach (var alert in Data.Alerts.Where(a => a.Status is AlertStatus.InProgress or AlertStatus.Escalated))
        {
            Assert.NotNull(alert.ClaimedById);
            Assert.True(nurses.TryGetValue(alert.ClaimedById!.Value, out var nurse));
            Assert.Contains(alert.EstablishmentId, nurse!.Establishments.Select(l => l.EstablishmentId));
            Assert.True(alert.ClaimedAt > alert.RaisedAt);
        }

        var rivemontOrVallombre = new[] { DemoSeed.RivemontCode, DemoSeed.VallombreCode }.Select(c => Data.Establishment(c).Id).ToHashSet();
        var martinOrBernard = new[] { DemoSeed.IpaLogin, DemoSeed.IdeLogin }.Select(l => Data.StaffMember(l).Id).ToHashSet();
        Assert.Contains(Data.Alerts, a => a.Status == AlertStatus.InProgress && martinOrBernard.Contains(a.ClaimedById!.Value)
            && rivemontOrVallombre.Contains(a.EstablishmentId));
    }

    [Fact]
    public void Triage_actions_follow_the_alert_and_tell_what_was_done()
    {
        var alerts = Data.Alerts.ToDictionary(a => a.Id);
        var staff = Data.Staff.ToDictionary(s => s.Id);
        Assert.Equal(Data.Actions.Count, fixture.Result.TriageActions);
        Assert.All(Data.Actions, action =>
        {
            var alert = alerts[action.AlertId];
            Assert.Equal(alert.PatientId, action.PatientId);
            Assert.True(action.At > alert.RaisedAt && action.At < SeedDay.Anchor);
            Assert.Equal(staff[action.StaffMemberId].DisplayName, action.StaffName);
            Assert.Equal(staff[action.StaffMemberId].Role, action.StaffRole);
            Assert.Contains(alert.EstablishmentId, staff[action.StaffMemberId].Establishments.Select(l => l.EstablishmentId));
            if (action.Details is not null)
            {
                using var details = JsonDocument.Parse(action.Details);
                Assert.Equal(JsonValueKind.Object, details.RootElement.ValueKind);
            }
        });

        var byAlert = Data.Actions.ToLookup(a => a.AlertId);
        foreach (var alert in Data.Alerts)
        {
            var actions = byAlert[alert.Id].OrderBy(a => a.At).ToList();
            switch (alert.Status)
            {
                case AlertStatus.Open:
                    Assert.Empty(actions);
                    break;
                case AlertStatus.Resolved:
                    Assert.Equal(TriageActionKind.Claim, actions[0].Kind);
                    Assert.Equal(TriageActionKind.Resolution, actions[^1].Kind);
                    Assert.Equal(actions[^1].At, alert.ResolvedAt);
                    Assert.Contains(actions, a => a.Kind == TriageActionKind.PhoneCall && a.Note is not null && a.Details is not null);
                    break;
                case AlertStatus.Escalated:
                    var escalation = Assert.Single(actions, a => a.Kind == TriageActionKind.Escalation);
                    Assert.False(string.IsNullOrWhiteSpace(escalation.Note));

                    // The question is about the alert's own findings, not another symptom.
                    var symptom = AlertReason.InPriorityOrder(alert.Findings).First(f => f.ItemKey is not null && f.Grade is not null);
                    Assert.StartsWith($"{FindingExplanation.ItemLabel(symptom.ItemKey).Fr}, grade {symptom.Grade} :", escalation.Note, StringComparison.Ordinal);
                    Assert.DoesNotContain(actions, a => a.Kind is TriageActionKind.OncologistDecision or TriageActionKind.Resolution);
                    break;
                default:
                    Assert.Equal(TriageActionKind.Claim, actions[0].Kind);
                    Assert.DoesNotContain(actions, a => a.Kind == TriageActionKind.Resolution);
                    break;
            }
        }

        Assert.Contains(Data.Actions, a => a.Kind == TriageActionKind.PhoneCall && a.Details == """{"outcome":"reached"}""");
        Assert.Contains(Data.Actions, a => a.Kind == TriageActionKind.Advice);
        Assert.Contains(Data.Actions, a => a.Kind == TriageActionKind.EmergencyReferral);
        Assert.Contains(Data.Actions, a => a.Kind == TriageActionKind.OncologistDecision && staff[a.StaffMemberId].Role == StaffRole.Oncologist);
    }

    [Fact]
    public void The_demo_patient_link_token_matches_a_stored_active_link()
    {
        var hash = DemoSeed.HashToken(DemoSeed.DemoPatientToken);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        var link = Assert.Single(Data.Links, l => l.TokenHash == hash);
        Assert.True(link.IsActiveAt(SeededDatabaseFixture.Now.UtcDateTime));
        Assert.True(link.ExpiresAt >= SeedDay.Anchor.AddDays(364));
        Assert.Equal(Data.StaffMember(DemoSeed.AdminLogin).Id, link.IssuedById);

        var enrollment = Data.Enrollments.Single(e => e.Id == link.EnrollmentId);
        Assert.Equal(EnrollmentStatus.Active, enrollment.Status);
        var patient = Data.Patients.Single(p => p.Id == enrollment.PatientId);
        Assert.Equal(DemoSeed.DemoPatientName, patient.DisplayName);
        Assert.Equal(DemoSeed.DemoPatientIpp, patient.Ipp);
        Assert.Equal(DemoSeed.RivemontCode, patient.IppAuthority);

        // The week open on the seed day is still to be answered, so the README's link leads to a questionnaire.
        var week = QuestionnaireSchedule.For(enrollment, new ScheduleOptions()).WeekFor(SeededDatabaseFixture.Now.UtcDateTime);
        Assert.NotNull(week);
        Assert.DoesNotContain(Data.Responses, r => r.EnrollmentId == enrollment.Id && r.WeekDueDate == week.DueDate);
    }

    private static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}

public sealed class SqliteDemoDataTests(SqliteSeededDatabaseFixture fixture)
    : DemoDataTests(fixture), IClassFixture<SqliteSeededDatabaseFixture>;

public sealed class PostgresDemoDataTests(PostgresSeededDatabaseFixture fixture)
    : DemoDataTests(fixture), IClassFixture<PostgresSeededDatabaseFixture>;

[OnSqlServer]
public sealed class SqlServerDemoDataTests(SqlServerSeededDatabaseFixture fixture)
    : DemoDataTests(fixture), IClassFixture<SqlServerSeededDatabaseFixture>;

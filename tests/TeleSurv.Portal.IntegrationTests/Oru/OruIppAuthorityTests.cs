using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Tests.Oru;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.IntegrationTests.Adt;
using TeleSurv.Portal.TestSupport;
using TeleSurv.Portal.Web.Security;

namespace TeleSurv.Portal.IntegrationTests.Oru;

/// <summary>
/// The hospital's IPP, end to end: an A28 comes in over MLLP with its assigning authority's OID, a nurse resolves an
/// alert of that patient, and the ORU the EAI receives carries the IPP under the same authority (PAM FR).
/// </summary>
public abstract class OruIppAuthorityTests(DatabaseProvider provider)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_oru_sends_back_the_ipp_under_the_authority_the_adt_gave()
    {
        await using var receiver = await OruReceiver.StartAsync();
        await using var portal = await AdtPortal.StartAsync(provider,
            ("Oru:Enabled", "true"), ("Oru:EaiHost", "127.0.0.1"), ("Oru:EaiPort", receiver.Port.ToString(CultureInfo.InvariantCulture)),
            ("Oru:ConnectTimeoutSeconds", "2"), ("Oru:RetryInitialMilliseconds", "200"), ("Oru:PollIntervalMilliseconds", "100"));
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var hospital = new Establishment { Finess = "440990018", Name = "CH de Rivemont", Code = "RIV" + suffix, GhtName = "GHT de Rivemont" };
        var nurse = new StaffMember { Login = "ide." + suffix, DisplayName = "Julien BERNARD", Role = StaffRole.Ide };
        nurse.Establishments.Add(new StaffEstablishment { StaffMemberId = nurse.Id, EstablishmentId = hospital.Id });
        var questionnaire = new Questionnaire { Code = "test-" + suffix, Version = 1, Definition = "{}", PublishedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        await using (var db = portal.CreateContext())
        {
            db.AddRange(hospital, nurse, questionnaire);
            await db.SaveChangesAsync();
        }

        var pid = new PidSpec { Ipp = "13432543", Authority = hospital.Code, AuthorityId = "1.2.250.1.211.10.200.2" };
        var ack = await portal.SendAsync(AdtSamples.Identity("A28", "C" + Guid.NewGuid().ToString("N")[..19], pid));
        Assert.Contains("MSA|AA|", ack, StringComparison.Ordinal);

        Alert alert;
        await using (var db = portal.CreateContext())
        {
            var patient = await db.Patients.SingleAsync(p => p.Ipp == pid.Ipp && p.IppAuthority == hospital.Code);
            var now = DateTime.UtcNow;
            var enrollment = new Enrollment
            {
                PatientId = patient.Id,
                EstablishmentId = hospital.Id,
                Treatment = TreatmentType.IvChemotherapy,
                CytotoxicChemotherapy = true,
                StartDate = DateOnly.FromDateTime(now.AddDays(-30)),
                PrescriptionEnd = DateOnly.FromDateTime(now.AddDays(90)),
                Status = EnrollmentStatus.Active,
                ConsentDecision = ConsentDecision.Given,
                ConsentDate = DateOnly.FromDateTime(now.AddDays(-30)),
                ConsentMethod = ConsentMethod.Paper,
                ConsentInformation = "Informé que le service n'est pas un service d'urgence.",
                CreatedAt = now.AddDays(-30),
            };
            var response = new QuestionnaireResponse
            {
                EnrollmentId = enrollment.Id,
                PatientId = patient.Id,
                QuestionnaireId = questionnaire.Id,
                WeekDueDate = DateOnly.FromDateTime(now),
                SubmittedAt = now.AddHours(-1),
                GradingTableVersion = ProCtcaeGrading.TableVersion,
                ContentHash = Guid.NewGuid().ToString("N"),
                Answers = [new ItemAnswer { ItemKey = "nausea", Frequency = 3, Severity = 3, CompositeGrade = ProCtcaeGrading.CompositeGrade(3, 3, null) }],
            };
            alert = new Alert
            {
                PatientId = patient.Id,
                EnrollmentId = enrollment.Id,
                EstablishmentId = hospital.Id,
                ResponseId = response.Id,
                Kind = AlertKind.Response,
                Priority = AlertPriority.High,
                Status = AlertStatus.Open,
                RaisedAt = now.AddHours(-1),
                SlaDueAt = now.AddHours(3),
                WeekDueDate = response.WeekDueDate,
                WorstItemKey = "nausea",
                WorstGrade = 3,
                RulesVersion = "rules-test",
                Findings = [new AlertFinding { Rule = AlertRule.SevereSymptom, ItemKey = "nausea", Grade = 3, Priority = AlertPriority.High }],
            };
            db.AddRange(enrollment, response, alert);
            await db.SaveChangesAsync();
        }

        await AsNurseAsync(portal, nurse, sender => sender.Send(new ResolveAlertCommand(alert.Id, alert.Version, "Antiémétique, rappel dans 48 h.")));

        await receiver.WaitForReceivedAsync(1, Patience);
        var message = Assert.Single(receiver.Received).Message;
        var fields = message.Split('\r').Single(s => s.StartsWith("PID|", StringComparison.Ordinal)).Split('|');
        Assert.Equal($"13432543^^^{hospital.Code}&1.2.250.1.211.10.200.2&ISO^PI", fields[3].Split('~')[0]);
    }

    private static async Task AsNurseAsync<T>(AdtPortal portal, StaffMember nurse, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = PortalClaims.CreatePrincipal(
            nurse.Id, nurse.Login, nurse.DisplayName, nurse.Role, nurse.Establishments.Select(l => l.EstablishmentId), "Demo");
        await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }
}

public sealed class OruIppAuthoritySqliteTests() : OruIppAuthorityTests(DatabaseProvider.Sqlite);

public sealed class OruIppAuthorityPostgresTests() : OruIppAuthorityTests(DatabaseProvider.Postgres);

[OnSqlServer]
public sealed class OruIppAuthoritySqlServerTests() : OruIppAuthorityTests(DatabaseProvider.SqlServer);

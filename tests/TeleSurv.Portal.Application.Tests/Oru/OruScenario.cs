using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Tests.Alerts;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Oru;

/// <summary>An establishment with a nurse, an oncologist and an administrator, and patients whose alerts they resolve.</summary>
public sealed class OruScenario
{
    private readonly ApplicationHost _host;
    private readonly Questionnaire _questionnaire = TriageData.Questionnaire();

    private OruScenario(ApplicationHost host, Establishment hospital, StaffMember nurse, StaffMember oncologist, StaffMember admin)
    {
        _host = host;
        Hospital = hospital;
        Nurse = TestData.UserFor(nurse);
        Oncologist = TestData.UserFor(oncologist);
        Admin = TestData.UserFor(admin);
    }

    public Establishment Hospital { get; }

    public TestCurrentUser Nurse { get; }

    public TestCurrentUser Oncologist { get; }

    public TestCurrentUser Admin { get; }

    public static async Task<OruScenario> CreateAsync(ApplicationHost host)
    {
        var hospital = TestData.Establishment("CHU de Rivemont");
        var nurse = TestData.Staff(StaffRole.Ide, "Julien BERNARD", hospital);
        var oncologist = TestData.Staff(StaffRole.Oncologist, "Dr Sophie LEFÈVRE", hospital);
        oncologist.Rpps = "10003456789";
        var admin = TestData.Staff(StaffRole.Admin, "Nadia ROUSSEL", hospital);
        var scenario = new OruScenario(host, hospital, nurse, oncologist, admin);
        await host.InsertAsync(hospital, nurse, oncologist, admin, scenario._questionnaire);
        return scenario;
    }

    /// <summary>A patient (qualified identity when an INS is given) with an open alert raised by a fever and nausea.</summary>
    public async Task<Alert> AlertAsync(string familyName = "ROUSSEAU", string firstNames = "Hélène Marie", string? ins = null, string? comment = null)
    {
        var patient = TestData.Patient(familyName, firstNames, new DateOnly(1958, 4, 2), Hospital, ins);
        var enrollment = TestData.Enrollment(patient, Hospital);
        var response = TriageData.Response(
            enrollment, _questionnaire, new DateOnly(2026, 3, 9), _host.Now.AddHours(-3), 38.4m,
            TriageData.Answer("nausea", frequency: 3, severity: 3),
            TriageData.Answer("fatigue", severity: 1, interference: 1));
        var alert = TriageData.AlertFor(
            response, enrollment, AlertPriority.High, _host.Now.AddHours(-3), TimeSpan.FromHours(4),
            TriageData.Severe("nausea"),
            new AlertFinding { Rule = AlertRule.Fever, Value = 38.4m, Priority = AlertPriority.High });
        await _host.InsertAsync(patient, enrollment, response, alert);
        if (comment is not null)
        {
            await using var db = _host.Database.CreateContext();
            await db.QuestionnaireResponses.Where(r => r.Id == response.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.Comment, comment));
        }

        return alert;
    }

    /// <summary>Confirms a CTCAE grade for nausea and resolves the alert; returns the result of the resolution.</summary>
    public async Task<AlertActionResult> ResolveAsync(Alert alert, string outcome = "Antiémétique, rappel dans 48 h.")
    {
        var confirmed = await _host.SendAsync(Nurse, new ConfirmCtcaeGradeCommand(alert.Id, alert.Version, "nausea", 2, null));
        return await _host.SendAsync(Nurse, new ResolveAlertCommand(alert.Id, confirmed.Version, outcome));
    }

    public async Task<List<OruOutboxMessage>> OutboxAsync(Guid? alertId = null)
    {
        await using var db = _host.Database.CreateContext();
        return await db.OruOutbox.AsNoTracking()
            .Where(m => alertId == null || m.AlertId == alertId)
            .OrderBy(m => m.Sequence)
            .ToListAsync();
    }

    public async Task<List<AlertReport>> ReportsAsync(Guid alertId)
    {
        await using var db = _host.Database.CreateContext();
        return await db.AlertReports.AsNoTracking().Where(r => r.AlertId == alertId).OrderBy(r => r.VersionNumber).ToListAsync();
    }
}

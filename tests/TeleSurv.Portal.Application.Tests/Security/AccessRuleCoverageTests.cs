using System.Reflection;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Auditing;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Dashboard;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.Escalations;
using TeleSurv.Portal.Application.Establishments;
using TeleSurv.Portal.Application.ExpectedLevels;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Security;

/// <summary>
/// The build's guard on access rules: every request of the Application assembly must declare exactly one rule
/// and appear, with the same rule, in the matrix below. A new request without a rule, or whose rule nobody wrote
/// down here, fails these tests.
/// </summary>
public sealed class AccessRuleCoverageTests
{
    private const StaffRole Ide = StaffRole.Ide;
    private const StaffRole Ipa = StaffRole.Ipa;
    private const StaffRole Oncologist = StaffRole.Oncologist;
    private const StaffRole Admin = StaffRole.Admin;

    /// <summary>Request → roles allowed (none: anonymous), scope, audit action.</summary>
    public static readonly IReadOnlyDictionary<Type, ExpectedRule> Matrix = new Dictionary<Type, ExpectedRule>
    {
        [typeof(GetAlertQueueQuery)] = new([Ide, Ipa, Oncologist], Scope.EstablishmentFilter, "alert.queue.read"),
        [typeof(GetEscalationInboxQuery)] = new([Oncologist, Ipa], Scope.EstablishmentFilter, "escalation.inbox.read"),
        [typeof(SearchPatientsQuery)] = new([Ide, Ipa, Oncologist, Admin], Scope.EstablishmentFilter, "patient.search"),
        [typeof(ListDemoUsersQuery)] = new([], Scope.None, null),
        [typeof(GetSignInProfileQuery)] = new([], Scope.None, null),
        [typeof(SignInWithIdentityProviderCommand)] = new([], Scope.None, "staff.sign-in"),
        [typeof(OpenStaffSessionCommand)] = new([], Scope.None, null),
        [typeof(CheckStaffSessionCommand)] = new([], Scope.None, null),
        [typeof(CloseStaffSessionCommand)] = new([], Scope.None, null),
        [typeof(EndProviderSessionCommand)] = new([], Scope.None, null),
        [typeof(ListOpenStaffSessionsQuery)] = new([Admin], Scope.None, null),
        [typeof(EndStaffSessionsCommand)] = new([Admin], Scope.None, "staff.session.end"),
        [typeof(ListEstablishmentContactsQuery)] = new([Admin], Scope.None, null),
        [typeof(SetUnitPhoneCommand)] = new([Admin], Scope.Establishment, "establishment.unit-phone"),
        [typeof(VerifyAuditTrailQuery)] = new([Admin], Scope.None, "audit.verify"),
        [typeof(ListEnrollmentsQuery)] = new([Admin], Scope.EstablishmentFilter, "enrollment.list"),
        [typeof(ClaimAlertCommand)] = new([Ide, Ipa], Scope.Alert, "alert.claim"),
        [typeof(ReleaseAlertCommand)] = new([Ide, Ipa], Scope.Alert, "alert.release"),
        [typeof(RecordPhoneCallCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.call"),
        [typeof(RecordAdviceCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.advice"),
        [typeof(SuggestMedicationCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.medication"),
        [typeof(ConfirmCtcaeGradeCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.grade.confirm"),
        [typeof(ScheduleConsultationCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.consultation"),
        [typeof(ReferToEmergencyCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.emergency"),
        [typeof(EscalateToOncologistCommand)] = new([Ide, Ipa], Scope.Alert, "alert.escalate"),
        [typeof(RecordOncologistDecisionCommand)] = new([Oncologist], Scope.Alert, "alert.decide"),
        [typeof(ResolveAlertCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.resolve"),
        [typeof(CorrectAlertReportCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.report.correct"),
        [typeof(WithdrawAlertReportCommand)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.report.withdraw"),
        [typeof(GetAlertDetailQuery)] = new([Ide, Ipa, Oncologist], Scope.Alert, "alert.read"),
        [typeof(GetPatientChartQuery)] = new([Ide, Ipa, Oncologist], Scope.Patient, "patient.chart.read"),
        [typeof(GetDashboardQuery)] = new([Ide, Ipa, Oncologist, Admin], Scope.EstablishmentFilter, "dashboard.read"),
        [typeof(ListMyEstablishmentsQuery)] = new([Ide, Ipa, Oncologist, Admin], Scope.None, null),
        [typeof(IssuePatientLinkCommand)] = new([Admin], Scope.Patient, "patient-link.issue"),
        [typeof(RevokePatientLinkCommand)] = new([Admin], Scope.Patient, "patient-link.revoke"),
        [typeof(ResolvePatientLinkQuery)] = new([], Scope.None, "patient-link.resolve"),
        [typeof(SubmitQuestionnaireResponseCommand)] = new([], Scope.None, "questionnaire.submit"),
        [typeof(GetSubmittedResponseQuery)] = new([], Scope.None, "questionnaire.response.read"),
        [typeof(RaiseMissedQuestionnaireAlertsCommand)] = new([], Scope.None, null),
        [typeof(WriteWeeklySummariesCommand)] = new([], Scope.None, null),
        [typeof(SetExpectedLevelCommand)] = new([Ide, Ipa, Oncologist], Scope.Patient, "expected-level.set"),
        [typeof(CancelExpectedLevelCommand)] = new([Ide, Ipa, Oncologist], Scope.Patient, "expected-level.cancel"),
        [typeof(ListExpectedLevelsQuery)] = new([Ide, Ipa, Oncologist], Scope.Patient, "expected-level.list"),
        [typeof(GetPatientMovementsQuery)] = new([Ide, Ipa, Oncologist], Scope.Patient, "patient.movements.read"),
        [typeof(SearchAdtJournalQuery)] = new([Admin], Scope.EstablishmentFilter, "adt.journal.search"),
        [typeof(GetAdtMessageQuery)] = new([Admin], Scope.None, "adt.message.read"),
        [typeof(ReprocessAdtMessageCommand)] = new([Admin], Scope.None, "adt.message.reprocess"),
        [typeof(DismissAdtMessageCommand)] = new([Admin], Scope.None, "adt.message.dismiss"),
        [typeof(GetInterfaceMonitorQuery)] = new([Admin], Scope.None, null),
        [typeof(EnrolPatientCommand)] = new([Admin], Scope.Establishment | Scope.Patient, "enrollment.create"),
        [typeof(CreateProvisionalPatientCommand)] = new([Admin], Scope.Establishment, "patient.create"),
        [typeof(GetEnrollmentChoicesQuery)] = new([Admin], Scope.None, null),
        [typeof(ListEstablishmentOncologistsQuery)] = new([Ide, Ipa, Oncologist], Scope.Establishment, null),
        [typeof(GetEnrollmentQuery)] = new([Admin], Scope.Patient, "enrollment.read"),
        [typeof(PauseEnrollmentCommand)] = new([Admin], Scope.Patient, "enrollment.pause"),
        [typeof(ResumeEnrollmentCommand)] = new([Admin], Scope.Patient, "enrollment.resume"),
        [typeof(EndEnrollmentCommand)] = new([Admin], Scope.Patient, "enrollment.end"),
        [typeof(GetMonthlyActivityQuery)] = new([Admin], Scope.Establishment, "enrollment.activity.export"),
        [typeof(SearchAuditTrailQuery)] = new([Admin], Scope.None, "audit.search"),
        [typeof(ExportAuditTrailQuery)] = new([Admin], Scope.None, "audit.export"),
        [typeof(GetOruOutboxQuery)] = new([Admin], Scope.None, "oru.outbox.read"),
        [typeof(GetOruMessageQuery)] = new([Admin], Scope.None, "oru.message.read"),
        [typeof(RequeueOruMessageCommand)] = new([Admin], Scope.None, "oru.message.requeue"),
    };

    [Flags]
    public enum Scope
    {
        None = 0,
        Establishment = 1,
        EstablishmentFilter = 2,
        Patient = 4,
        Alert = 8,
    }

    public static TheoryData<Type> RequestTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in ApplicationRequestTypes())
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void The_application_assembly_has_requests()
    {
        Assert.NotEmpty(ApplicationRequestTypes());
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void Every_request_declares_exactly_one_access_rule(Type requestType)
    {
        var hasRoles = requestType.GetCustomAttribute<RequireRoleAttribute>(inherit: false) is not null;
        var isAnonymous = requestType.GetCustomAttribute<AllowAnonymousRequestAttribute>(inherit: false) is not null;

        Assert.True(hasRoles ^ isAnonymous, $"{requestType.Name} must carry exactly one of [RequireRole] and [AllowAnonymousRequest].");
        Assert.True(AccessRule.For(requestType).IsValid, AccessRule.For(requestType).Problem);
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void Every_request_is_in_the_access_matrix_with_the_rule_it_declares(Type requestType)
    {
        Assert.True(Matrix.TryGetValue(requestType, out var expected), $"{requestType.Name} is missing from the access matrix of this test.");

        var rule = AccessRule.For(requestType);
        Assert.Equal(expected.Roles.Order(), rule.Roles.Order());
        Assert.Equal(expected.Roles.Length == 0, rule.AllowsAnonymous);
        Assert.Equal(expected.Scope, ScopeOf(rule));
        Assert.Equal(expected.AuditAction, requestType.GetCustomAttribute<AuditedAttribute>(inherit: false)?.Action);
    }

    [Fact]
    public void The_matrix_names_no_request_that_no_longer_exists()
    {
        Assert.Empty(Matrix.Keys.Except(ApplicationRequestTypes()));
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void Every_request_about_a_patient_or_an_alert_is_audited(Type requestType)
    {
        var rule = AccessRule.For(requestType);
        if (rule.IsPatientScoped || rule.IsAlertScoped)
        {
            Assert.NotNull(requestType.GetCustomAttribute<AuditedAttribute>(inherit: false));
        }
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void Every_request_has_exactly_one_handler_in_the_generated_mediator(Type requestType)
    {
        using var host = new PipelineHost();
        var responseType = requestType.GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
            .GetGenericArguments()[0];

        using var scope = host.Services.CreateScope();
        var handlers = scope.ServiceProvider.GetServices(typeof(IRequestHandler<,>).MakeGenericType(requestType, responseType));

        Assert.Single(handlers);
    }

    internal static IReadOnlyList<Type> ApplicationRequestTypes() =>
        typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false }
                && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();

    private static Scope ScopeOf(AccessRule rule) =>
        (rule.IsEstablishmentScoped ? Scope.Establishment : Scope.None)
        | (rule.IsEstablishmentFiltered ? Scope.EstablishmentFilter : Scope.None)
        | (rule.IsPatientScoped ? Scope.Patient : Scope.None)
        | (rule.IsAlertScoped ? Scope.Alert : Scope.None);

    public sealed record ExpectedRule(StaffRole[] Roles, Scope Scope, string? AuditAction);
}

using System.Collections;
using System.Reflection;
using Mediator;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Auditing;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.Escalations;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Security;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Auditing;

/// <summary>
/// Every read of patient data and every write is audited. The requests that read patient data are found by what
/// they answer (a patient's id, name, IPP, INS or birth date anywhere in the response), not by a list kept by
/// hand, so that a new query cannot slip through; a few are then sent through the real pipeline.
/// </summary>
public sealed class PatientDataAuditCoverageTests
{
    /// <summary>Properties that make a response patient data.</summary>
    private static readonly HashSet<string> PatientFields = new(StringComparer.Ordinal)
    {
        "PatientId", "PatientName", "Ipp", "Ins", "BirthDate", "FirstName", "FirstNames", "BirthFamilyName",
    };

    /// <summary>Requests that change data yet write no entry, and why.</summary>
    private static readonly Dictionary<Type, string> UnauditedWrites = new()
    {
        // The system's weekly job: each alert it raises is itself the trace, and no person acts.
        [typeof(RaiseMissedQuestionnaireAlertsCommand)] = "system job",

        // The system's weekly-summary job: each outbox row it writes is itself the trace, and no person acts.
        [typeof(WriteWeeklySummariesCommand)] = "system job",

        // Sessions: the sign-in completion and the sign-out write their own entries (account.sign-in with its
        // outcome, account.sign-out); checking a session only records its last use or that it ended.
        [typeof(OpenStaffSessionCommand)] = "audited by the sign-in completion",
        [typeof(CloseStaffSessionCommand)] = "audited by the sign-out",
        [typeof(CheckStaffSessionCommand)] = "session bookkeeping",
        [typeof(EndProviderSessionCommand)] = "audited by the front-channel logout, one sign-out entry per session ended",
    };

    public static TheoryData<Type> PatientDataReads()
    {
        var data = new TheoryData<Type>();
        foreach (var type in AccessRuleCoverageTests.ApplicationRequestTypes().Where(ReadsPatientData))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void The_detector_finds_the_known_reads_of_patient_data()
    {
        var found = AccessRuleCoverageTests.ApplicationRequestTypes().Where(ReadsPatientData).ToHashSet();

        Type[] known =
        [
            typeof(GetPatientChartQuery), typeof(GetAlertDetailQuery), typeof(GetAlertQueueQuery), typeof(SearchPatientsQuery),
            typeof(GetEscalationInboxQuery), typeof(ListEnrollmentsQuery), typeof(GetEnrollmentQuery), typeof(GetMonthlyActivityQuery),
            typeof(SearchAuditTrailQuery), typeof(ExportAuditTrailQuery), typeof(ResolvePatientLinkQuery),
        ];
        Assert.Empty(known.Where(t => !found.Contains(t)).Select(t => t.Name));
        Assert.DoesNotContain(typeof(GetEnrollmentChoicesQuery), found);
        Assert.DoesNotContain(typeof(ListEstablishmentOncologistsQuery), found);
        Assert.DoesNotContain(typeof(VerifyAuditTrailQuery), found);
    }

    [Theory]
    [MemberData(nameof(PatientDataReads))]
    public void Every_request_that_answers_patient_data_is_audited(Type requestType)
    {
        Assert.True(
            requestType.GetCustomAttribute<AuditedAttribute>(inherit: false) is not null,
            $"{requestType.Name} answers patient data: mark it [Audited(\"...\")].");
    }

    [Theory]
    [MemberData(nameof(AllRequests))]
    public void Every_command_is_audited(Type requestType)
    {
        if (!requestType.Name.EndsWith("Command", StringComparison.Ordinal) || UnauditedWrites.ContainsKey(requestType))
        {
            return;
        }

        Assert.NotNull(requestType.GetCustomAttribute<AuditedAttribute>(inherit: false));
    }

    public static TheoryData<Type> AllRequests() => AccessRuleCoverageTests.RequestTypes();

    private static bool ReadsPatientData(Type requestType)
    {
        var response = requestType.GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
            .GetGenericArguments()[0];
        return Mentions(response, []);
    }

    private static bool Mentions(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
        {
            return false;
        }

        if (type.IsArray)
        {
            return Mentions(type.GetElementType()!, seen);
        }

        if (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, seen)))
        {
            return true;
        }

        if (type.Namespace?.StartsWith("TeleSurv.", StringComparison.Ordinal) != true || typeof(IEnumerable).IsAssignableFrom(type))
        {
            return false;
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => PatientFields.Contains(p.Name) || Mentions(p.PropertyType, seen));
    }
}

/// <summary>The entries of patient-data reads sent through the real pipeline: who, in which role and establishment, when, what, on what, how it ended.</summary>
public abstract class PatientDataAuditTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_chart_read_writes_who_role_establishment_time_action_target_and_outcome()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        await Host.SendAsync(patient.NurseUser, new GetPatientChartQuery(patient.Patient.Id));

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "patient.chart.read" && e.PatientId == patient.Patient.Id));
        Assert.Equal(
            ((Guid?)patient.Nurse.Id, "Infirmière Test", nameof(StaffRole.Ide), (Guid?)patient.Establishment.Id, Host.Now, "Patient", patient.Patient.Id.ToString(), AuditOutcome.Success),
            (entry.StaffMemberId, entry.Actor, entry.Role, entry.EstablishmentId, entry.At, entry.TargetType, entry.TargetId, entry.Outcome));
    }

    [Fact]
    public async Task An_alert_read_names_the_alert_its_patient_and_establishment()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var alert = TestData.Alert(patient.Enrollment, AlertPriority.High, Host.Now.AddHours(4));
        await Host.InsertAsync(alert);

        await Host.SendAsync(patient.NurseUser, new GetAlertDetailQuery(alert.Id));

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "alert.read" && e.TargetId == alert.Id.ToString()));
        Assert.Equal(
            ("Alert", (Guid?)patient.Patient.Id, (Guid?)patient.Establishment.Id, (Guid?)patient.Nurse.Id, AuditOutcome.Success),
            (entry.TargetType, entry.PatientId, entry.EstablishmentId, entry.StaffMemberId, entry.Outcome));
    }

    [Fact]
    public async Task A_read_refused_for_another_establishment_is_written_as_denied()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var elsewhere = await PatientScenario.CreateAsync(Host);

        await Assert.ThrowsAnyAsync<Exception>(() => Host.SendAsync(patient.NurseUser, new GetPatientChartQuery(elsewhere.Patient.Id)));

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "patient.chart.read" && e.PatientId == elsewhere.Patient.Id));
        Assert.Equal((AuditOutcome.Denied, (Guid?)patient.Nurse.Id), (entry.Outcome, entry.StaffMemberId));
    }

    [Fact]
    public async Task Lists_searches_and_exports_write_one_entry_each_naming_every_patient_shown()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var other = TestData.Patient("SUIVI", "Paul", new DateOnly(1958, 2, 3), patient.Establishment);
        var otherEnrollment = TestData.Enrollment(other, patient.Establishment);
        await Host.InsertAsync(other, otherEnrollment);
        await Host.InsertAsync(
            TestData.Alert(patient.Enrollment, AlertPriority.High, Host.Now.AddHours(4)),
            TestData.Alert(otherEnrollment, AlertPriority.High, Host.Now.AddHours(6)));
        await patient.SubmitInWeekAsync(PatientScenario.OpenWeek, Answers.Calm());

        await Host.SendAsync(patient.NurseUser, new SearchPatientsQuery { Term = "SUIVI", EstablishmentId = patient.Establishment.Id });
        await Host.SendAsync(patient.AdminUser, new ListEnrollmentsQuery { EstablishmentId = patient.Establishment.Id });
        await Host.SendAsync(patient.NurseUser, new GetAlertQueueQuery { EstablishmentId = patient.Establishment.Id });
        await Host.SendAsync(patient.AdminUser, new GetMonthlyActivityQuery(patient.Establishment.Id, 2026, 3));

        foreach (var (action, staff, expected) in new[]
        {
            ("patient.search", patient.Nurse.Id, new[] { patient.Patient.Id, other.Id }),
            ("enrollment.list", patient.Admin.Id, [patient.Patient.Id, other.Id]),
            ("alert.queue.read", patient.Nurse.Id, [patient.Patient.Id, other.Id]),
            ("enrollment.activity.export", patient.Admin.Id, [patient.Patient.Id]),
        })
        {
            var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == action && e.StaffMemberId == staff));
            var detail = entry.Detail ?? "";
            var start = detail.IndexOf("Patients shown: ", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{action}: {detail}");
            var named = detail[(start + "Patients shown: ".Length)..].TrimEnd('.').Split(' ');
            Assert.True(expected.Order().SequenceEqual(named.Select(Guid.Parse).Order()), $"{action}: {detail}");
        }
    }

    [Fact]
    public async Task A_patient_s_own_link_read_is_written_with_the_link_as_actor()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        await Host.SendAsync(TestCurrentUser.Anonymous(), new ResolvePatientLinkQuery(patient.Token));

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "patient-link.resolve" && e.PatientId == patient.Patient.Id));
        Assert.Equal(("patient link", (Guid?)null, (Guid?)patient.Establishment.Id, AuditOutcome.Success), (entry.Actor, entry.StaffMemberId, entry.EstablishmentId, entry.Outcome));
    }
}

public sealed class PatientDataAuditSqliteTests(SqliteDatabaseFixture fixture) : PatientDataAuditTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PatientDataAuditPostgresTests(PostgresDatabaseFixture fixture) : PatientDataAuditTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class PatientDataAuditSqlServerTests(SqlServerDatabaseFixture fixture) : PatientDataAuditTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
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
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Security;

/// <summary>
/// Every request, sent through the real pipeline by every role (and by nobody), aimed at the user's own
/// establishment and at another one: what gets through must be exactly what <see cref="AccessRuleCoverageTests.Matrix"/>
/// says. A new request needs a sample below, or this test fails.
/// </summary>
public abstract class AccessMatrixTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    /// <summary>A valid instance of each request aimed at a target: new requests add theirs.</summary>
    private static readonly Dictionary<Type, Func<Target, object>> Samples = new()
    {
        [typeof(GetAlertQueueQuery)] = t => new GetAlertQueueQuery { EstablishmentId = t.EstablishmentId },
        [typeof(GetEscalationInboxQuery)] = t => new GetEscalationInboxQuery { EstablishmentId = t.EstablishmentId },
        [typeof(SearchPatientsQuery)] = t => new SearchPatientsQuery { Term = "matrice", EstablishmentId = t.EstablishmentId },
        [typeof(ListDemoUsersQuery)] = _ => new ListDemoUsersQuery(),
        [typeof(GetSignInProfileQuery)] = _ => new GetSignInProfileQuery("matrice.inconnue"),
        [typeof(SignInWithIdentityProviderCommand)] = _ => new SignInWithIdentityProviderCommand { Login = "matrice.sso", DisplayName = "Matrice SSO" },
        [typeof(OpenStaffSessionCommand)] = t => new OpenStaffSessionCommand(t.ColleagueId, "Demo", null),
        [typeof(CheckStaffSessionCommand)] = t => new CheckStaffSessionCommand(Guid.NewGuid(), t.ColleagueId, TimeSpan.FromMinutes(30), Touch: false),
        [typeof(CloseStaffSessionCommand)] = _ => new CloseStaffSessionCommand(Guid.NewGuid()),
        [typeof(EndProviderSessionCommand)] = _ => new EndProviderSessionCommand("matrice-sid"),
        [typeof(ListOpenStaffSessionsQuery)] = _ => new ListOpenStaffSessionsQuery(TimeSpan.FromMinutes(30)),

        // A colleague of the user's own establishment, whichever target: the request names a person, not a record.
        [typeof(EndStaffSessionsCommand)] = t => new EndStaffSessionsCommand(t.ColleagueId, null),
        [typeof(ListEstablishmentContactsQuery)] = _ => new ListEstablishmentContactsQuery(),
        [typeof(SetUnitPhoneCommand)] = t => new SetUnitPhoneCommand(t.EstablishmentId, "02 61 91 00 11"),
        [typeof(VerifyAuditTrailQuery)] = _ => new VerifyAuditTrailQuery(),
        [typeof(ListEnrollmentsQuery)] = t => new ListEnrollmentsQuery { EstablishmentId = t.EstablishmentId },
        [typeof(ClaimAlertCommand)] = t => new ClaimAlertCommand(t.AlertId, t.AlertVersion),
        [typeof(ReleaseAlertCommand)] = t => new ReleaseAlertCommand(t.AlertId, t.AlertVersion),
        [typeof(RecordPhoneCallCommand)] = t => new RecordPhoneCallCommand(t.AlertId, t.AlertVersion, PhoneCallOutcome.Reached, "Matrice."),
        [typeof(RecordAdviceCommand)] = t => new RecordAdviceCommand(t.AlertId, t.AlertVersion, "Boire régulièrement."),
        [typeof(SuggestMedicationCommand)] = t => new SuggestMedicationCommand(t.AlertId, t.AlertVersion, "Métoclopramide", "10 mg si nausées."),
        [typeof(ConfirmCtcaeGradeCommand)] = t => new ConfirmCtcaeGradeCommand(t.AlertId, t.AlertVersion, "nausea", 2, null),
        [typeof(ScheduleConsultationCommand)] = t => new ScheduleConsultationCommand(
            t.AlertId, t.AlertVersion, ApplicationHost.DefaultNow.UtcDateTime.AddDays(2), "Hôpital de jour", null),
        [typeof(ReferToEmergencyCommand)] = t => new ReferToEmergencyCommand(t.AlertId, t.AlertVersion, "Fièvre mal tolérée.", null),
        [typeof(EscalateToOncologistCommand)] = t => new EscalateToOncologistCommand(t.AlertId, t.AlertVersion, "Adapter le traitement ?", EscalationUrgency.Routine),
        [typeof(RecordOncologistDecisionCommand)] = t => new RecordOncologistDecisionCommand(
            t.AlertId, t.AlertVersion, OncologistDecisionKind.ContinueTreatment, "Poursuivre."),
        [typeof(ResolveAlertCommand)] = t => new ResolveAlertCommand(t.AlertId, t.AlertVersion, "Symptômes contrôlés."),
        [typeof(CorrectAlertReportCommand)] = t => new CorrectAlertReportCommand(t.AlertId, t.AlertVersion, "Rappel du patient le lendemain."),
        [typeof(WithdrawAlertReportCommand)] = t => new WithdrawAlertReportCommand(t.AlertId, t.AlertVersion, "Compte rendu d'un autre patient."),
        [typeof(GetAlertDetailQuery)] = t => new GetAlertDetailQuery(t.AlertId),
        [typeof(GetPatientChartQuery)] = t => new GetPatientChartQuery(t.PatientId),
        [typeof(GetDashboardQuery)] = t => new GetDashboardQuery { EstablishmentId = t.EstablishmentId },
        [typeof(ListMyEstablishmentsQuery)] = _ => new ListMyEstablishmentsQuery(),
        [typeof(IssuePatientLinkCommand)] = t => new IssuePatientLinkCommand(t.PatientId, t.EnrollmentId),
        [typeof(RevokePatientLinkCommand)] = t => new RevokePatientLinkCommand(t.PatientId, t.EnrollmentId),
        [typeof(ResolvePatientLinkQuery)] = t => new ResolvePatientLinkQuery(t.Token),
        [typeof(SubmitQuestionnaireResponseCommand)] = t => new SubmitQuestionnaireResponseCommand
        {
            Token = t.Token,
            Week = PatientScenario.OpenWeek,
            Items = Answers.Calm(),
            PatientUrgent = false,
        },
        [typeof(GetSubmittedResponseQuery)] = t => new GetSubmittedResponseQuery(t.Token, t.ResponseId),
        [typeof(RaiseMissedQuestionnaireAlertsCommand)] = _ => new RaiseMissedQuestionnaireAlertsCommand(),
        [typeof(WriteWeeklySummariesCommand)] = _ => new WriteWeeklySummariesCommand(),
        [typeof(SetExpectedLevelCommand)] = t => new SetExpectedLevelCommand
        {
            PatientId = t.PatientId,
            EnrollmentId = t.EnrollmentId,
            ItemKey = "nausea",
            MaxGrade = 2,
            Until = ApplicationHost.DefaultNow.UtcDateTime.AddDays(7),
            Reason = "Matrice d'accès.",
        },
        [typeof(CancelExpectedLevelCommand)] = t => new CancelExpectedLevelCommand(t.PatientId, t.ExpectedLevelId),
        [typeof(ListExpectedLevelsQuery)] = t => new ListExpectedLevelsQuery(t.PatientId),
        [typeof(GetPatientMovementsQuery)] = t => new GetPatientMovementsQuery(t.PatientId),
        [typeof(SearchAdtJournalQuery)] = t => new SearchAdtJournalQuery { EstablishmentId = t.EstablishmentId },
        [typeof(GetAdtMessageQuery)] = t => new GetAdtMessageQuery(t.AdtMessageId),
        [typeof(ReprocessAdtMessageCommand)] = t => new ReprocessAdtMessageCommand(t.AdtMessageId),
        [typeof(DismissAdtMessageCommand)] = t => new DismissAdtMessageCommand(t.AdtMessageId, "Matrice d'accès."),
        [typeof(GetInterfaceMonitorQuery)] = _ => new GetInterfaceMonitorQuery(),
        [typeof(EnrolPatientCommand)] = t => new EnrolPatientCommand
        {
            PatientId = t.PatientId,
            EstablishmentId = t.EstablishmentId,
            Treatment = TreatmentType.OralTherapy,
            StartDate = new DateOnly(2026, 3, 10),
            PrescriptionEnd = new DateOnly(2026, 9, 30),
            ConsentDecision = ConsentDecision.Given,
            ConsentDate = new DateOnly(2026, 3, 10),
            ConsentMethod = ConsentMethod.Paper,
            ConsentInformation = "Matrice d'accès.",
            InformedNotForEmergencies = true,
        },
        [typeof(CreateProvisionalPatientCommand)] = t => new CreateProvisionalPatientCommand
        {
            EstablishmentId = t.EstablishmentId,
            Ipp = "MAT" + Guid.NewGuid().ToString("N")[..12],
            BirthFamilyName = "MATRICE",
            FirstNames = "Provisoire",
            BirthDate = new DateOnly(1970, 1, 1),
            Sex = Sex.Male,
        },
        [typeof(GetEnrollmentChoicesQuery)] = _ => new GetEnrollmentChoicesQuery(),
        [typeof(ListEstablishmentOncologistsQuery)] = t => new ListEstablishmentOncologistsQuery(t.EstablishmentId),
        [typeof(GetEnrollmentQuery)] = t => new GetEnrollmentQuery(t.PatientId, t.EnrollmentId),
        // A version nobody holds: the change is judged (and refused as a conflict) only past the access checks.
        [typeof(PauseEnrollmentCommand)] = t => new PauseEnrollmentCommand(t.PatientId, t.EnrollmentId, Guid.NewGuid(), "Matrice."),
        [typeof(ResumeEnrollmentCommand)] = t => new ResumeEnrollmentCommand(t.PatientId, t.EnrollmentId, Guid.NewGuid(), "Matrice."),
        [typeof(EndEnrollmentCommand)] = t => new EndEnrollmentCommand(t.PatientId, t.EnrollmentId, Guid.NewGuid(), "Matrice."),
        [typeof(GetMonthlyActivityQuery)] = t => new GetMonthlyActivityQuery(t.EstablishmentId, 2026, 3),
        [typeof(SearchAuditTrailQuery)] = _ => new SearchAuditTrailQuery(),
        [typeof(ExportAuditTrailQuery)] = _ => new ExportAuditTrailQuery(new AuditTrailFilter()),
        [typeof(GetOruOutboxQuery)] = _ => new GetOruOutboxQuery(),
        [typeof(GetOruMessageQuery)] = t => new GetOruMessageQuery(t.OruSequence),
        [typeof(RequeueOruMessageCommand)] = t => new RequeueOruMessageCommand(t.OruSequence),
    };

    private readonly Dictionary<StaffRole, TestCurrentUser> _users = [];
    private Target _mine = null!;
    private Target _other = null!;
    private Guid _colleagueId;

    public static TheoryData<Type> RequestTypes() => AccessRuleCoverageTests.RequestTypes();

    public async Task InitializeAsync()
    {
        var mine = TestData.Establishment("Établissement de l'utilisateur");
        _mine = await TargetAsync(mine);
        _other = await TargetAsync(TestData.Establishment("Autre établissement"));

        // Real staff rows: requests that record who acted (a link's issuer, a level's author, a triage act) point to them.
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            var member = TestData.Staff(role, $"Matrice {role}", mine);
            await Host.InsertAsync(member);
            _users[role] = TestData.UserFor(member);
            if (role == StaffRole.Ide)
            {
                _colleagueId = member.Id;
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public async Task Gets_through_for_exactly_the_roles_and_establishments_of_the_matrix(Type requestType)
    {
        Assert.True(Samples.TryGetValue(requestType, out var sample), $"Add a sample of {requestType.Name} to {nameof(AccessMatrixTests)}.");
        var expected = AccessRuleCoverageTests.Matrix[requestType];
        var anonymous = expected.Roles.Length == 0;
        var scoped = AccessRule.For(requestType).IsScoped;
        var mismatches = new List<string>();

        foreach (var role in Enum.GetValues<StaffRole>())
        {
            var user = _users[role];
            var allowed = anonymous || expected.Roles.Contains(role);
            await CheckAsync(user, sample(await FreshAsync(_mine)), allowed, $"{role} at own establishment");
            await CheckAsync(user, sample(await FreshAsync(_other)), allowed && !scoped, $"{role} at another establishment");
        }

        await CheckAsync(TestCurrentUser.Anonymous(), sample(await FreshAsync(_mine)), anonymous, "signed-out user");
        Assert.True(mismatches.Count == 0, $"{requestType.Name}: {string.Join("; ", mismatches)}");

        async Task CheckAsync(TestCurrentUser user, object request, bool shouldPass, string who)
        {
            var passed = await PassesAsync(user, request);
            if (passed != shouldPass)
            {
                mismatches.Add($"{who} {(passed ? "got through" : "was refused")}");
            }
        }
    }

    private async Task<bool> PassesAsync(TestCurrentUser user, object request)
    {
        try
        {
            await Host.SendObjectAsync(user, request);
            return true;
        }
        catch (Exception e) when (e is ForbiddenAccessException or NotFoundException)
        {
            return false;
        }
        catch (ConflictException)
        {
            // Only a handler judges a record's state, version or duplicates: the request got through the access
            // checks. Earlier samples of the same test may have moved the alert on (resolved it, sent it back to
            // the nurses); the target patient is already enrolled; enrolment samples name a version nobody holds.
            return true;
        }
    }

    /// <summary>The target with the alert's current version, so that commands are judged on access and state, not on a stale version.</summary>
    private async Task<Target> FreshAsync(Target target)
    {
        await using var db = Host.Database.CreateContext();
        var version = await db.Alerts.Where(a => a.Id == target.AlertId).Select(a => a.Version).SingleAsync();
        return target with { AlertVersion = version, ColleagueId = _colleagueId };
    }

    private async Task<Target> TargetAsync(Establishment establishment)
    {
        var patient = TestData.Patient("MATRICE", "Test", new DateOnly(1966, 6, 6), establishment);
        var enrollment = TestData.Enrollment(patient, establishment);
        var alert = TestData.Alert(enrollment, AlertPriority.High, Host.Now.AddHours(8), AlertStatus.Escalated);
        var author = TestData.Staff(StaffRole.Ide, "Auteur du niveau attendu", establishment);
        var level = new ExpectedLevel
        {
            EnrollmentId = enrollment.Id,
            ItemKey = "pain",
            MaxGrade = 2,
            From = Host.Now,
            Until = Host.Now.AddDays(7),
            SetById = author.Id,
            Reason = "Matrice d'accès.",
        };
        var token = PatientLinkToken.Create();
        var link = new PatientAccessLink
        {
            EnrollmentId = enrollment.Id,
            TokenHash = PatientLinkToken.Hash(token),
            IssuedAt = Host.Now,
            ExpiresAt = Host.Now.AddDays(30),
        };
        var oruMessage = new OruOutboxMessage
        {
            ControlId = OruControlId.New(Host.Now),
            PatientId = patient.Id,
            EstablishmentId = establishment.Id,
            CreatedAt = Host.Now,
            Message = "MSH|^~\\&|TELESURV||EAI||20260310120000+0100||ORU^R01^ORU_R01|MATRICE|P|2.5\r",
            CharacterSet = OruOptions.Utf8,
            State = OruMessageState.Failed,
            NextAttemptAt = Host.Now,
        };
        // A message of the error queue that names no establishment: any admin may handle it; scoping by
        // establishment is the journal's own test (AdtIngestionTests).
        var adtMessage = new AdtMessageJournal
        {
            SendingApplication = "MATRICE",
            SendingFacility = "MATRICE",
            ControlId = Guid.NewGuid().ToString("N")[..20],
            MessageType = "ADT",
            TriggerEvent = "A01",
            ReceivedAt = Host.Now,
            ProcessedAt = Host.Now,
            Status = AdtMessageStatus.Rejected,
            AckCode = "AE",
            Ack = "MSH|^~\\&|TELESURV||MATRICE|MATRICE|20260310120000||ACK|1|P|2.5\rMSA|AE|1\r",
            Raw = "MSH|^~\\&|MATRICE|MATRICE|TELESURV||20260310120000||ADT^A01^ADT_A01|1|P|2.5\r",
            Error = "The message has no PID segment.",
        };
        await Host.InsertAsync(establishment, patient, enrollment, alert, author, level, link, oruMessage, adtMessage);
        var response = await Host.SendAsync(TestCurrentUser.Anonymous(), new SubmitQuestionnaireResponseCommand
        {
            Token = token,
            Week = PatientScenario.OpenWeek,
            Items = Answers.Calm(),
            PatientUrgent = false,
        });
        return new Target(establishment.Id, patient.Id, alert.Id, alert.Version, enrollment.Id, level.Id, token, response.ResponseId, oruMessage.Sequence, adtMessage.Id);
    }

    /// <summary>
    /// What a sample request is aimed at: an establishment, and a patient, an alert (at a version), an enrollment,
    /// an expected level, a patient link (its token), a questionnaire response and an ORU outbox message that belong to it,
    /// and a message of the ADT error queue.
    /// </summary>
    private sealed record Target(
        Guid EstablishmentId, Guid PatientId, Guid AlertId, Guid AlertVersion, Guid EnrollmentId, Guid ExpectedLevelId, string Token, Guid ResponseId,
        long OruSequence, Guid AdtMessageId)
    {
        /// <summary>A member of staff of the user's own establishment.</summary>
        public Guid ColleagueId { get; init; }
    }
}

public sealed class AccessMatrixSqliteTests(SqliteDatabaseFixture fixture) : AccessMatrixTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class AccessMatrixPostgresTests(PostgresDatabaseFixture fixture) : AccessMatrixTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class AccessMatrixSqlServerTests(SqlServerDatabaseFixture fixture) : AccessMatrixTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

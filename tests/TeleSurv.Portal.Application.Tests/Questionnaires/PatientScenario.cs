using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Questionnaires;

/// <summary>
/// A patient followed at one establishment, with the staff who act on the follow-up and a link in force: the
/// starting point of the submission, link and expected-level tests. The enrollment is the default of
/// <see cref="TestData.Enrollment"/> (weekly on Mondays from 2026-01-05, cytotoxic chemotherapy), so that at
/// <see cref="ApplicationHost.DefaultNow"/> (Tuesday 2026-03-10) the week due on Monday 2026-03-09 is open.
/// </summary>
public sealed class PatientScenario
{
    public static readonly DateOnly OpenWeek = new(2026, 3, 9);

    private PatientScenario(ApplicationHost host, Establishment establishment, Patient patient, Enrollment enrollment, StaffMember admin, StaffMember nurse)
    {
        Host = host;
        Establishment = establishment;
        Patient = patient;
        Enrollment = enrollment;
        Admin = admin;
        Nurse = nurse;
    }

    public ApplicationHost Host { get; }

    public Establishment Establishment { get; }

    public Patient Patient { get; }

    public Enrollment Enrollment { get; }

    public StaffMember Admin { get; }

    public StaffMember Nurse { get; }

    /// <summary>The token of the link in force (null until one is issued).</summary>
    public string Token { get; private set; } = null!;

    public TestCurrentUser AdminUser => TestData.UserFor(Admin);

    public TestCurrentUser NurseUser => TestData.UserFor(Nurse);

    public static async Task<PatientScenario> CreateAsync(ApplicationHost host, Action<Enrollment>? configure = null, bool issueLink = true)
    {
        ArgumentNullException.ThrowIfNull(host);
        var establishment = TestData.Establishment();
        var patient = TestData.Patient("SUIVI", "Marie Claire", new DateOnly(1961, 4, 12), establishment);
        var enrollment = TestData.Enrollment(patient, establishment);
        configure?.Invoke(enrollment);
        var admin = TestData.Staff(StaffRole.Admin, "Admin Test", establishment);
        var nurse = TestData.Staff(StaffRole.Ide, "Infirmière Test", establishment);
        await host.InsertAsync(establishment, patient, enrollment, admin, nurse);

        var scenario = new PatientScenario(host, establishment, patient, enrollment, admin, nurse);
        if (issueLink)
        {
            await scenario.IssueLinkAsync();
        }

        return scenario;
    }

    public async Task<IssuedPatientLink> IssueLinkAsync()
    {
        var issued = await Host.SendAsync(AdminUser, new IssuePatientLinkCommand(Patient.Id, Enrollment.Id));
        Token = issued.Token;
        return issued;
    }

    /// <summary>Sends the patient's answers for a week, with the link in force unless another token is given.</summary>
    public Task<QuestionnaireSubmissionResult> SubmitAsync(
        DateOnly week,
        IReadOnlyDictionary<string, SymptomAnswer?> items,
        decimal? temperature = null,
        bool urgent = false,
        string? comment = null,
        decimal? weight = null,
        string? token = null) =>
        Host.SendAsync(TestCurrentUser.Anonymous(), Submission(week, items, temperature, urgent, comment, weight, token));

    public SubmitQuestionnaireResponseCommand Submission(
        DateOnly week,
        IReadOnlyDictionary<string, SymptomAnswer?> items,
        decimal? temperature = null,
        bool urgent = false,
        string? comment = null,
        decimal? weight = null,
        string? token = null) => new()
    {
        Token = token ?? Token,
        Week = week,
        Items = items,
        TemperatureCelsius = temperature,
        WeightKg = weight,
        PatientUrgent = urgent,
        Comment = comment,
    };

    /// <summary>Answers a past or present week with the clock set inside that week's window, then puts the clock back.</summary>
    public async Task<QuestionnaireSubmissionResult> SubmitInWeekAsync(DateOnly week, IReadOnlyDictionary<string, SymptomAnswer?> items)
    {
        var saved = Host.Clock.Now;
        Host.Clock.Now = new DateTimeOffset(week.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        try
        {
            return await SubmitAsync(week, items);
        }
        finally
        {
            Host.Clock.Now = saved;
        }
    }

    public async Task<List<Alert>> AlertsAsync()
    {
        await using var db = Host.Database.CreateContext();
        return await db.Alerts.AsNoTracking().Include(a => a.Findings)
            .Where(a => a.EnrollmentId == Enrollment.Id)
            .OrderBy(a => a.WeekDueDate)
            .ToListAsync();
    }

    public async Task<List<QuestionnaireResponse>> ResponsesAsync()
    {
        await using var db = Host.Database.CreateContext();
        return await db.QuestionnaireResponses.AsNoTracking().Include(r => r.Answers)
            .Where(r => r.EnrollmentId == Enrollment.Id)
            .OrderBy(r => r.WeekDueDate)
            .ToListAsync();
    }
}

/// <summary>Answers to the current questionnaire, starting from "nothing to report" on every item.</summary>
public static class Answers
{
    /// <summary>Every item at its lowest answer: the first attribute 0 (branching asks nothing more), presence no.</summary>
    public static Dictionary<string, SymptomAnswer?> Calm() =>
        QuestionnaireCatalog.Current.Items.ToDictionary(
            item => item.Key,
            item => (SymptomAnswer?)(item.IsPresenceItem
                ? new SymptomAnswer { Present = false }
                : item.Attributes[0] switch
                {
                    Domain.Grading.ProCtcaeAttributeKind.Frequency => new SymptomAnswer { Frequency = 0 },
                    Domain.Grading.ProCtcaeAttributeKind.Severity => new SymptomAnswer { Severity = 0 },
                    _ => new SymptomAnswer { Interference = 0 },
                }),
            StringComparer.Ordinal);

    /// <summary>Nausea (frequency, severity): (1,1) is grade 1, (2,2) grade 2, (3,3) grade 3.</summary>
    public static Dictionary<string, SymptomAnswer?> WithNausea(int frequency, int severity) =>
        Calm().With("nausea", new SymptomAnswer { Frequency = frequency, Severity = severity });

    public static Dictionary<string, SymptomAnswer?> With(this Dictionary<string, SymptomAnswer?> answers, string key, SymptomAnswer? answer)
    {
        ArgumentNullException.ThrowIfNull(answers);
        answers[key] = answer;
        return answers;
    }
}

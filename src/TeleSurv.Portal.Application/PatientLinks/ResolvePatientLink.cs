using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>
/// What the patient's page (and the patient API) needs to know from a link: whether it can be used, the
/// patient's first name, the questionnaire to show and the week that can be answered now.
/// </summary>
[AllowAnonymousRequest("The patient's link token is the credential; the handler checks it.")]
[Audited("patient-link.resolve")]
public sealed record ResolvePatientLinkQuery(string Token) : IRequest<PatientLinkResolution>
{
    // The token is a credential: keep it out of anything that prints the request.
    public override string ToString() => nameof(ResolvePatientLinkQuery);
}

public enum PatientLinkStatus
{
    /// <summary>The link is valid and its follow-up takes answers.</summary>
    Active = 0,

    /// <summary>No such link (or not a link at all).</summary>
    Unknown = 1,

    Expired = 2,

    /// <summary>Withdrawn by an admin, or replaced by a newer link.</summary>
    Revoked = 3,

    /// <summary>The link is valid but the follow-up is paused.</summary>
    Paused = 4,

    /// <summary>The link is valid but the follow-up has ended.</summary>
    Ended = 5,
}

/// <summary>The link's status and, only when it is <see cref="PatientLinkStatus.Active"/>, the patient's context.</summary>
public sealed record PatientLinkResolution(PatientLinkStatus Status, PatientLinkContext? Context)
{
    [MemberNotNullWhen(true, nameof(Context))]
    public bool IsActive => Status == PatientLinkStatus.Active && Context is not null;

    /// <summary>A sentence for the patient about the status (English; the page has its own translations).</summary>
    public string Message => PatientLinkRejectedException.Describe(Status);
}

/// <summary>
/// The patient's side of an enrollment: the first name only (no other identity data), the questionnaire
/// version new answers use (see <see cref="QuestionnaireCatalog.Get"/>), the week that can be answered now
/// (weeks' answer windows do not overlap, so there is at most one) and the next one to come.
/// </summary>
public sealed record PatientLinkContext(
    string FirstName,
    string QuestionnaireCode,
    int QuestionnaireVersion,
    QuestionnaireWeek? OpenWeek,
    QuestionnaireWeek? NextWeek,
    DateTime LinkExpiresAt)
{
    /// <summary>The number of the oncology unit following the patient (null when the establishment has not set one).</summary>
    public string? UnitPhone { get; init; }
}

/// <summary>
/// One scheduled questionnaire as the patient sees it: due date (the patient's calendar day), its answer window
/// (UTC, from <see cref="OpensAt"/> inclusive to <see cref="ClosesAt"/> exclusive), and whether it is answered.
/// </summary>
public sealed record QuestionnaireWeek(DateOnly DueDate, DateTime OpensAt, DateTime ClosesAt, bool Answered, DateTime? AnsweredAt);

internal sealed class ResolvePatientLinkQueryHandler(
    IPortalDbContextFactory dbContextFactory, TimeProvider timeProvider, IOptions<ScheduleOptions> scheduleOptions)
    : IRequestHandler<ResolvePatientLinkQuery, PatientLinkResolution>
{
    public async ValueTask<PatientLinkResolution> Handle(ResolvePatientLinkQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var check = await PatientLinkAccess.CheckAsync(db, request.Token, now, cancellationToken);
        if (check.Status != PatientLinkStatus.Active)
        {
            return new PatientLinkResolution(check.Status, null);
        }

        var enrollment = check.Enrollment!;
        var names = await db.Patients.AsNoTracking()
            .Where(p => p.Id == enrollment.PatientId)
            .Select(p => new { p.FirstNames, p.UsedFirstName })
            .FirstAsync(cancellationToken);
        var firstName = new Domain.Patients.Patient
        {
            Ipp = string.Empty,
            IppAuthority = string.Empty,
            BirthFamilyName = string.Empty,
            FirstNames = names.FirstNames,
            UsedFirstName = names.UsedFirstName,
        }.DisplayFirstName;

        var schedule = QuestionnaireSchedule.For(enrollment, scheduleOptions.Value);
        var open = schedule.WeekFor(now);
        var next = schedule.Weeks.FirstOrDefault(w => w.OpensAt > now);
        DateOnly[] dueDates = [.. new[] { open, next }.OfType<ScheduledWeek>().Select(w => w.DueDate)];
        var answered = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => r.EnrollmentId == enrollment.Id && dueDates.Contains(r.WeekDueDate))
            .Select(r => new { r.WeekDueDate, r.SubmittedAt })
            .ToDictionaryAsync(r => r.WeekDueDate, r => r.SubmittedAt, cancellationToken);

        QuestionnaireWeek? Describe(ScheduledWeek? week) => week is null
            ? null
            : new QuestionnaireWeek(
                week.DueDate, week.OpensAt, week.ClosesAt, answered.ContainsKey(week.DueDate),
                answered.TryGetValue(week.DueDate, out var at) ? at : null);

        var questionnaire = QuestionnaireCatalog.Current;
        AuditDetails.Current?.Detail = open is null ? "No week open." : $"Week of {open.DueDate:yyyy-MM-dd} open.";
        return new PatientLinkResolution(
            PatientLinkStatus.Active,
            new PatientLinkContext(
                firstName, questionnaire.Code, questionnaire.Version, Describe(open), Describe(next), check.Link!.ExpiresAt)
            {
                UnitPhone = await QuestionnaireSubmissionResults.UnitPhoneAsync(db, enrollment.Id, cancellationToken),
            });
    }
}

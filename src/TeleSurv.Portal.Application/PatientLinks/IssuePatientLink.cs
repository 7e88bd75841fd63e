using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>
/// Issues the patient's personal questionnaire link for one enrollment, revoking the one before (one active link
/// per enrollment). The token is in the result and nowhere else: it cannot be shown again, only replaced.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("patient-link.issue")]
public sealed record IssuePatientLinkCommand(Guid PatientId, Guid EnrollmentId) : IRequest<IssuedPatientLink>, IPatientScopedRequest;

/// <summary>A new link: its secret token (give it to the patient; it is not kept) and when it expires (UTC).</summary>
public sealed record IssuedPatientLink(Guid LinkId, string Token, DateTime ExpiresAt)
{
    public override string ToString() => $"{nameof(IssuedPatientLink)} {{ LinkId = {LinkId}, ExpiresAt = {ExpiresAt:O} }}";
}

public sealed class IssuePatientLinkCommandValidator : AbstractValidator<IssuePatientLinkCommand>
{
    public IssuePatientLinkCommandValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty();
        RuleFor(c => c.EnrollmentId).NotEmpty();
    }
}

internal sealed class IssuePatientLinkCommandHandler(
    IPortalDbContextFactory dbContextFactory,
    ICurrentUser user,
    TimeProvider timeProvider,
    IOptions<PatientLinkOptions> linkOptions,
    IOptions<ScheduleOptions> scheduleOptions)
    : IRequestHandler<IssuePatientLinkCommand, IssuedPatientLink>
{
    public async ValueTask<IssuedPatientLink> Handle(IssuePatientLinkCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var enrollment = await EnrollmentAccess.FindInScopeAsync(db, user, request.PatientId, request.EnrollmentId, cancellationToken);
        if (enrollment.ConsentDecision != ConsentDecision.Given)
        {
            throw new ConflictException("The patient did not consent to telemonitoring: no questionnaire link can be issued.");
        }

        if (enrollment.Status == EnrollmentStatus.Ended)
        {
            throw new ConflictException("The follow-up has ended: a questionnaire link would be of no use.");
        }

        var expiresAt = ExpiryOf(enrollment, now);
        if (expiresAt <= now)
        {
            throw new ConflictException("The prescription's last questionnaire is over: a questionnaire link would be of no use.");
        }

        var previous = await db.PatientAccessLinks
            .Where(l => l.EnrollmentId == enrollment.Id && l.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var link in previous)
        {
            link.RevokedAt = now;
        }

        var token = PatientLinkToken.Create();
        var issued = new PatientAccessLink
        {
            EnrollmentId = enrollment.Id,
            TokenHash = PatientLinkToken.Hash(token),
            IssuedAt = now,
            ExpiresAt = expiresAt,
            IssuedById = user.StaffMemberId,
        };
        db.PatientAccessLinks.Add(issued);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // The unique index on an enrollment's unrevoked link refused the loser of two simultaneous issues.
            if (await AnotherLinkIsActiveAsync(enrollment.Id, issued.Id, CancellationToken.None))
            {
                throw new ConflictException(
                    ConflictKind.Concurrency,
                    "Another link was issued for this follow-up at the same moment. Reload the page to see it, or issue again.",
                    exception);
            }

            throw;
        }

        var audit = AuditDetails.Current;
        audit?.SetTarget("PatientAccessLink", issued.Id);
        audit?.Detail = $"Expires {expiresAt:O}; {previous.Count} earlier link(s) revoked.";
        return new IssuedPatientLink(issued.Id, token, expiresAt);
    }

    private async Task<bool> AnotherLinkIsActiveAsync(Guid enrollmentId, Guid ourLinkId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        return await db.PatientAccessLinks.AnyAsync(
            l => l.EnrollmentId == enrollmentId && l.RevokedAt == null && l.Id != ourLinkId, cancellationToken);
    }

    /// <summary>
    /// The configured lifetime, but never beyond the end of the prescription: the later of the day after its end
    /// date and the close of its last questionnaire's answer window.
    /// </summary>
    private DateTime ExpiryOf(Enrollment enrollment, DateTime now)
    {
        var schedule = QuestionnaireSchedule.For(enrollment, scheduleOptions.Value);
        var prescriptionOver = CalendarDay.StartUtc(enrollment.PrescriptionEnd.AddDays(1), schedule.TimeZone);
        if (schedule.Weeks.Count > 0 && schedule.Weeks[^1].ClosesAt > prescriptionOver)
        {
            prescriptionOver = schedule.Weeks[^1].ClosesAt;
        }

        var lifetime = now.AddDays(linkOptions.Value.LifetimeDays);
        return lifetime < prescriptionOver ? lifetime : prescriptionOver;
    }
}

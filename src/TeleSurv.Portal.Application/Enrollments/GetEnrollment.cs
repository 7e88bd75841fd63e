using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>One follow-up as the admin manages it: identity, care team, treatment, schedule, consent, status and the link in force.</summary>
[RequireRole(StaffRole.Admin)]
[Audited("enrollment.read")]
public sealed record GetEnrollmentQuery(Guid PatientId, Guid EnrollmentId) : IRequest<EnrollmentDetail>, IPatientScopedRequest;

public sealed record EnrollmentDetail(
    Guid EnrollmentId,
    Guid Version,
    Guid PatientId,
    string PatientName,
    DateOnly BirthDate,
    int PatientAge,
    string Ipp,
    string? Ins,
    IdentityStatus IdentityStatus,
    PatientSource PatientSource,
    Guid EstablishmentId,
    string EstablishmentName,
    string? ReferringOncologistName,
    string? NurseTeam,
    TreatmentType Treatment,
    bool CytotoxicChemotherapy,
    bool WithRadiotherapy,
    string? Regimen,
    DateOnly StartDate,
    DateOnly PrescriptionEnd,
    int CadenceWeeks,
    DayOfWeek QuestionnaireDay,
    EnrollmentStatus Status,
    string? StatusReason,
    ConsentDecision ConsentDecision,
    DateOnly ConsentDate,
    ConsentMethod ConsentMethod,
    string? ConsentRecordedByName,
    string? ConsentInformation,
    PatientLinkSummary? ActiveLink,
    bool CanPause,
    bool CanResume,
    bool CanEnd,
    bool CanIssueLink);

/// <summary>The link in force, without its token (which is never kept).</summary>
public sealed record PatientLinkSummary(Guid LinkId, DateTime IssuedAt, DateTime ExpiresAt);

public sealed class GetEnrollmentQueryValidator : AbstractValidator<GetEnrollmentQuery>
{
    public GetEnrollmentQueryValidator()
    {
        RuleFor(q => q.PatientId).NotEmpty();
        RuleFor(q => q.EnrollmentId).NotEmpty();
    }
}

internal sealed class GetEnrollmentQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<GetEnrollmentQuery, EnrollmentDetail>
{
    public async ValueTask<EnrollmentDetail> Handle(GetEnrollmentQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var e = await EnrollmentAccess.FindInScopeAsync(db, user, request.PatientId, request.EnrollmentId, cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == e.PatientId, cancellationToken);
        var establishment = await db.Establishments.AsNoTracking().Where(x => x.Id == e.EstablishmentId).Select(x => x.Name).FirstAsync(cancellationToken);
        Guid?[] staffIds = [e.ReferringOncologistId, e.ConsentRecordedById];
        var names = await db.StaffMembers.AsNoTracking()
            .Where(s => staffIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var link = await db.PatientAccessLinks.AsNoTracking()
            .Where(l => l.EnrollmentId == e.Id && l.RevokedAt == null && l.ExpiresAt > now)
            .OrderByDescending(l => l.IssuedAt)
            .Select(l => new PatientLinkSummary(l.Id, l.IssuedAt, l.ExpiresAt))
            .FirstOrDefaultAsync(cancellationToken);

        AuditDetails.Current?.SetTarget("Enrollment", e.Id);
        return new EnrollmentDetail(
            e.Id, e.Version, patient.Id, patient.DisplayName, patient.BirthDate, patient.AgeOn(today), patient.Ipp, patient.Ins,
            patient.IdentityStatus, patient.Source, e.EstablishmentId, establishment,
            e.ReferringOncologistId is { } oncologist ? names.GetValueOrDefault(oncologist) : null, e.NurseTeam,
            e.Treatment, e.CytotoxicChemotherapy, e.WithRadiotherapy, e.Regimen, e.StartDate, e.PrescriptionEnd, e.CadenceWeeks,
            e.QuestionnaireDay, e.Status, e.StatusReason, e.ConsentDecision, e.ConsentDate, e.ConsentMethod,
            e.ConsentRecordedById is { } recorder ? names.GetValueOrDefault(recorder) : null, e.ConsentInformation, link,
            e.CanPause, e.CanResumeOn(today), e.CanEnd, PatientLinkRules.CanIssue(e));
    }
}

using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Patients;

/// <summary>
/// Finds patients by the start of a name, of the IPP or of the INS, among those the user may see
/// (<see cref="PatientVisibility"/>). Each word of the term must match; "DUP mar" finds Marie DUPONT.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist, StaffRole.Admin)]
[Audited("patient.search")]
public sealed record SearchPatientsQuery : IRequest<PagedResult<PatientSearchRow>>, IEstablishmentFilteredRequest
{
    public required string Term { get; init; }

    public Guid? EstablishmentId { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

public sealed record PatientSearchRow(
    Guid PatientId,
    string DisplayName,
    DateOnly BirthDate,
    int Age,
    Sex Sex,
    string Ipp,
    string IppAuthority,
    string? Ins,
    IdentityStatus IdentityStatus,
    PatientSource Source,
    IReadOnlyList<PatientEnrollmentSummary> Enrollments);

/// <summary>An enrolment of the patient in one of the user's establishments (others are not shown).</summary>
public sealed record PatientEnrollmentSummary(Guid EnrollmentId, Guid EstablishmentId, string EstablishmentCode, EnrollmentStatus Status, DateOnly StartDate);

public sealed class SearchPatientsQueryValidator : AbstractValidator<SearchPatientsQuery>
{
    public const int MinTermLength = 2;
    public const int MaxTermLength = 100;

    public SearchPatientsQueryValidator()
    {
        RuleFor(q => q.Term).Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(t => t.Trim().Length >= MinTermLength).WithMessage($"Saisir au moins {MinTermLength} caractères. / Type at least {MinTermLength} characters.")
            .MaximumLength(MaxTermLength);
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

internal sealed class SearchPatientsQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<SearchPatientsQuery, PagedResult<PatientSearchRow>>
{
    public async ValueTask<PagedResult<PatientSearchRow>> Handle(SearchPatientsQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var patients = (await db.VisiblePatientsAsync(user, cancellationToken, request.EstablishmentId))
            .Where(p => p.MergedIntoPatientId == null);

        foreach (var word in request.Term.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var prefix = word.ToUpperInvariant();
            patients = patients.Where(TextSearch.Any(
                TextSearch.UpperStartsWith<Patient>(p => p.BirthFamilyName, prefix),
                TextSearch.UpperStartsWith<Patient>(p => p.UsedFamilyName, prefix),
                TextSearch.UpperStartsWith<Patient>(p => p.FirstNames, prefix),
                TextSearch.UpperContains<Patient>(p => p.FirstNames, " " + prefix),
                TextSearch.UpperStartsWith<Patient>(p => p.UsedFirstName, prefix),
                TextSearch.UpperStartsWith<Patient>(p => p.Ipp, prefix),
                TextSearch.UpperStartsWith<Patient>(p => p.Ins, prefix)));
        }

        var total = await patients.CountAsync(cancellationToken);
        var rows = await patients
            .OrderBy(p => p.UsedFamilyName ?? p.BirthFamilyName)
            .ThenBy(p => p.UsedFirstName ?? p.FirstNames)
            .ThenBy(p => p.BirthDate)
            .ThenBy(p => p.Id)
            .Skip(Paging.Skip(request.Page, request.PageSize))
            .Take(request.PageSize)
            .Select(p => new
            {
                Label = new PatientLabel(p.Id, p.Ipp, p.BirthFamilyName, p.UsedFamilyName, p.FirstNames, p.UsedFirstName, p.BirthDate),
                p.Sex,
                p.IppAuthority,
                p.Ins,
                p.IdentityStatus,
                p.Source,
            })
            .ToListAsync(cancellationToken);

        var enrollments = await EnrollmentsInScopeAsync(db, rows.Select(r => r.Label.PatientId).ToArray(), cancellationToken);
        AuditDetails.Current?.Detail = AuditDetails.NamingPatients(
            $"Term \"{request.Term.Trim()}\": {total} patient(s) found, page {request.Page}.", rows.Select(r => r.Label.PatientId));

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var items = rows.Select(r =>
        {
            var (name, age) = r.Label.Describe(today);
            return new PatientSearchRow(
                r.Label.PatientId, name, r.Label.BirthDate, age, r.Sex, r.Label.Ipp, r.IppAuthority, r.Ins, r.IdentityStatus, r.Source,
                enrollments[r.Label.PatientId].ToList());
        }).ToList();
        return new PagedResult<PatientSearchRow>(items, total, request.Page, request.PageSize);
    }

    private async Task<ILookup<Guid, PatientEnrollmentSummary>> EnrollmentsInScopeAsync(
        IPortalDbContext db, Guid[] patientIds, CancellationToken cancellationToken)
    {
        var establishmentIds = user.EstablishmentIds.ToArray();
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => patientIds.Contains(e.PatientId) && establishmentIds.Contains(e.EstablishmentId))
            .Join(db.Establishments, e => e.EstablishmentId, s => s.Id, (e, s) => new
            {
                e.PatientId,
                Summary = new PatientEnrollmentSummary(e.Id, e.EstablishmentId, s.Code, e.Status, e.StartDate),
            })
            .ToListAsync(cancellationToken);

        // Active follow-ups first, then the most recent.
        return enrollments
            .OrderBy(e => e.Summary.Status == EnrollmentStatus.Active ? 0 : 1)
            .ThenByDescending(e => e.Summary.StartDate)
            .ToLookup(e => e.PatientId, e => e.Summary);
    }
}

using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>
/// Includes a patient in telemonitoring at one of the admin's establishments, with the patient's consent. Consent
/// given makes the follow-up active at once; a refusal is recorded as an ended follow-up, so that it is on file
/// and nothing is ever asked of the patient.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("enrollment.create")]
public sealed record EnrolPatientCommand : IRequest<EnrolmentCreated>, IEstablishmentScopedRequest, IPatientScopedRequest
{
    public Guid PatientId { get; init; }

    public Guid EstablishmentId { get; init; }

    public Guid? ReferringOncologistId { get; init; }

    public string? NurseTeam { get; init; }

    public TreatmentType Treatment { get; init; }

    public bool CytotoxicChemotherapy { get; init; }

    public bool WithRadiotherapy { get; init; }

    public string? Regimen { get; init; }

    public DateOnly StartDate { get; init; }

    public DateOnly PrescriptionEnd { get; init; }

    public int CadenceWeeks { get; init; } = 1;

    public DayOfWeek QuestionnaireDay { get; init; } = DayOfWeek.Monday;

    public ConsentDecision ConsentDecision { get; init; }

    public DateOnly ConsentDate { get; init; }

    public ConsentMethod ConsentMethod { get; init; }

    /// <summary>What the patient was told, in the words of the information sheet.</summary>
    public string ConsentInformation { get; init; } = string.Empty;

    /// <summary>The patient was told that the service is not for emergencies (call the 15): required.</summary>
    public bool InformedNotForEmergencies { get; init; }
}

public sealed record EnrolmentCreated(Guid EnrollmentId, EnrollmentStatus Status, Guid Version);

public sealed class EnrolPatientCommandValidator : AbstractValidator<EnrolPatientCommand>
{
    public const int MaxCadenceWeeks = 4;

    public EnrolPatientCommandValidator(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        DateOnly Today() => DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);

        RuleFor(c => c.PatientId).NotEmpty();
        RuleFor(c => c.EstablishmentId).NotEmpty();
        RuleFor(c => c.ReferringOncologistId).NotEqual(Guid.Empty);
        RuleFor(c => c.NurseTeam).MaximumLength(64);
        RuleFor(c => c.Treatment).IsInEnum();
        RuleFor(c => c.Regimen).MaximumLength(200);
        RuleFor(c => c.CadenceWeeks).InclusiveBetween(1, MaxCadenceWeeks);
        RuleFor(c => c.QuestionnaireDay).IsInEnum();
        RuleFor(c => c.StartDate).NotEmpty();
        RuleFor(c => c.PrescriptionEnd)
            .Must((c, end) => Enrollment.IsPrescriptionWithinOneYear(c.StartDate, end))
            .WithMessage(c => $"The prescription must end on or after its start and at most one year later, by {Enrollment.LastPrescriptionDay(c.StartDate):yyyy-MM-dd}.");
        RuleFor(c => c.ConsentDecision).IsInEnum();
        RuleFor(c => c.ConsentMethod).IsInEnum();
        RuleFor(c => c.ConsentDate)
            .NotEmpty()
            .Must(date => date <= Today()).WithMessage("The consent cannot be dated in the future.");
        RuleFor(c => c.ConsentInformation).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.InformedNotForEmergencies).Equal(true)
            .WithMessage("The patient must be told that the service is not for emergencies.");

        When(c => c.ConsentDecision == ConsentDecision.Given, () =>
        {
            RuleFor(c => c.StartDate)
                .Must((c, start) => start >= c.ConsentDate).WithMessage("Telemonitoring cannot start before the consent is given.");
            RuleFor(c => c.PrescriptionEnd)
                .Must(end => end >= Today()).WithMessage("The prescription is already over.");
        });
    }
}

internal sealed class EnrolPatientCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<EnrolPatientCommand, EnrolmentCreated>
{
    public async ValueTask<EnrolmentCreated> Handle(EnrolPatientCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var merged = await db.Patients.AsNoTracking()
            .Where(p => p.Id == request.PatientId)
            .Select(p => p.MergedIntoPatientId)
            .FirstAsync(cancellationToken);
        if (merged is not null)
        {
            throw new ConflictException("This identity was merged into another patient: enrol that patient instead.");
        }

        await CheckCareTeamAsync(db, request, cancellationToken);

        var current = await db.Enrollments.AsNoTracking()
            .Where(e => e.PatientId == request.PatientId && e.EstablishmentId == request.EstablishmentId && e.Status != EnrollmentStatus.Ended)
            .Select(e => (EnrollmentStatus?)e.Status)
            .FirstOrDefaultAsync(cancellationToken);
        if (current is { } status)
        {
            throw new ConflictException(
                ConflictKind.Duplicate,
                $"The patient is already followed at this establishment (follow-up {status}): pause, resume or end that one instead.");
        }

        var enrollment = new Enrollment
        {
            PatientId = request.PatientId,
            EstablishmentId = request.EstablishmentId,
            ReferringOncologistId = request.ReferringOncologistId,
            NurseTeam = string.IsNullOrWhiteSpace(request.NurseTeam) ? null : request.NurseTeam.Trim(),
            Treatment = request.Treatment,
            CytotoxicChemotherapy = request.CytotoxicChemotherapy,
            WithRadiotherapy = request.WithRadiotherapy,
            Regimen = string.IsNullOrWhiteSpace(request.Regimen) ? null : request.Regimen.Trim(),
            StartDate = request.StartDate,
            PrescriptionEnd = request.PrescriptionEnd,
            CadenceWeeks = request.CadenceWeeks,
            QuestionnaireDay = request.QuestionnaireDay,
            CreatedAt = now,
        };
        enrollment.RecordConsent(
            request.ConsentDecision, request.ConsentDate, request.ConsentMethod, user.StaffMemberId, request.ConsentInformation.Trim());
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync(cancellationToken);

        var audit = AuditDetails.Current;
        audit?.SetTarget("Enrollment", enrollment.Id);
        audit?.Detail = $"Consent {request.ConsentDecision} ({request.ConsentMethod}, {request.ConsentDate:yyyy-MM-dd}); "
            + $"{request.Treatment}, prescription {request.StartDate:yyyy-MM-dd} to {request.PrescriptionEnd:yyyy-MM-dd}; status {enrollment.Status}.";
        return new EnrolmentCreated(enrollment.Id, enrollment.Status, enrollment.Version);
    }

    /// <summary>The referring oncologist and the nurse team must be the establishment's own.</summary>
    private static async Task CheckCareTeamAsync(IPortalDbContext db, EnrolPatientCommand request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.ReferringOncologistId is { } oncologistId)
        {
            var known = await db.StaffMembers.AsNoTracking().AnyAsync(
                s => s.Id == oncologistId && s.IsActive && s.Role == StaffRole.Oncologist
                    && s.Establishments.Any(x => x.EstablishmentId == request.EstablishmentId),
                cancellationToken);
            if (!known)
            {
                errors[nameof(request.ReferringOncologistId)] = ["The referring oncologist must be an active oncologist of the establishment."];
            }
        }

        if (!string.IsNullOrWhiteSpace(request.NurseTeam))
        {
            var team = request.NurseTeam.Trim();
            var known = await db.StaffMembers.AsNoTracking().AnyAsync(
                s => s.Team == team && s.IsActive && s.Establishments.Any(x => x.EstablishmentId == request.EstablishmentId),
                cancellationToken);
            if (!known)
            {
                errors[nameof(request.NurseTeam)] = ["The nurse team must be one of the establishment's teams."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}

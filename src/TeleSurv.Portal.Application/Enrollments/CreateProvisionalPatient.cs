using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>
/// Creates by hand a patient ADT has not sent yet, so that the enrolment need not wait: the IPP is the one the
/// establishment assigned, the identity stays provisional, and the record is reconciled when ADT brings the same
/// IPP or INS (<see cref="PatientReconciliation"/>). Refused when a record with that IPP or INS already exists.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("patient.create")]
public sealed record CreateProvisionalPatientCommand : IRequest<Guid>, IEstablishmentScopedRequest
{
    /// <summary>The establishment that assigned the IPP (its code is the IPP's assigning authority).</summary>
    public Guid EstablishmentId { get; init; }

    public string Ipp { get; init; } = string.Empty;

    public string? Ins { get; init; }

    public string BirthFamilyName { get; init; } = string.Empty;

    public string? UsedFamilyName { get; init; }

    public string FirstNames { get; init; } = string.Empty;

    public string? UsedFirstName { get; init; }

    public DateOnly BirthDate { get; init; }

    public Sex Sex { get; init; }

    public string? BirthplaceCode { get; init; }
}

public sealed partial class CreateProvisionalPatientCommandValidator : AbstractValidator<CreateProvisionalPatientCommand>
{
    /// <summary>The field a wrong INS check key is reported on (a malformed INS is reported on <c>Ins</c>).</summary>
    public const string InsKeyField = "InsKey";

    public CreateProvisionalPatientCommandValidator(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        RuleFor(c => c.EstablishmentId).NotEmpty();
        RuleFor(c => c.Ipp).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(64)
            .Must(ipp => IppPattern().IsMatch(ipp.Trim())).WithMessage("The IPP has digits, letters and dashes only.");
        RuleFor(c => c.Ins).Matches("^[1-8][0-9]{4}[0-9][0-9AB][0-9]{8}$").When(c => !string.IsNullOrEmpty(c.Ins))
            .WithMessage("The INS is 15 characters: the NIR or NIA with its 2-digit key (2A or 2B for Corsica).");

        // A wrong key is a mistyped number, refused apart so that the form can say so; traits that disagree with the
        // number are only warned about (the registry's exceptions, see Nir).
        RuleFor(c => c.Ins).Must(ins => !Nir.Check(ins!.Trim()).Contains(NirProblem.WrongKey))
            .When(c => !string.IsNullOrEmpty(c.Ins))
            .OverridePropertyName(InsKeyField)
            .WithMessage("The INS check key does not match its first 13 digits: a digit is mistyped.");
        RuleFor(c => c.BirthFamilyName).NotEmpty().MaximumLength(100);
        RuleFor(c => c.UsedFamilyName).MaximumLength(100);
        RuleFor(c => c.FirstNames).NotEmpty().MaximumLength(200);
        RuleFor(c => c.UsedFirstName).MaximumLength(100);
        RuleFor(c => c.BirthDate)
            .Must(d => d > new DateOnly(1900, 1, 1) && d <= DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime))
            .WithMessage("The birth date must be a past date after 1900.");
        RuleFor(c => c.Sex).IsInEnum();
        RuleFor(c => c.BirthplaceCode).Matches("^[0-9][0-9AB][0-9]{3}$").When(c => !string.IsNullOrEmpty(c.BirthplaceCode))
            .WithMessage("The birthplace is an INSEE code of 5 characters.");
    }

    [GeneratedRegex("^[0-9A-Za-z-]+$")]
    private static partial Regex IppPattern();
}

internal sealed class CreateProvisionalPatientCommandHandler(IPortalDbContextFactory dbContextFactory, TimeProvider timeProvider)
    : IRequestHandler<CreateProvisionalPatientCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateProvisionalPatientCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var authority = await db.Establishments.AsNoTracking()
            .Where(e => e.Id == request.EstablishmentId)
            .Select(e => e.Code)
            .FirstAsync(cancellationToken);
        var ipp = request.Ipp.Trim().ToUpperInvariant();
        var ins = string.IsNullOrWhiteSpace(request.Ins) ? null : request.Ins.Trim();

        if (await db.Patients.AnyAsync(p => p.IppAuthority == authority && p.Ipp == ipp, cancellationToken))
        {
            throw new ConflictException(ConflictKind.Duplicate, $"A patient with IPP {ipp} of {authority} already exists: search for them.");
        }

        if (ins is not null && await db.Patients.AnyAsync(p => p.Ins == ins, cancellationToken))
        {
            throw new ConflictException(ConflictKind.Duplicate, "A patient with this INS already exists: search for them.");
        }

        var patient = Patient.CreateProvisional(
            new PatientIdentity
            {
                Ipp = ipp,
                IppAuthority = authority,
                Ins = ins,
                // Typed in by hand: an INS that no INSi call returned is a NIR as the patient gave it.
                InsOid = ins is null ? null : InsOids.Nir,
                BirthFamilyName = request.BirthFamilyName.Trim().ToUpperInvariant(),
                UsedFamilyName = Clean(request.UsedFamilyName)?.ToUpperInvariant(),
                FirstNames = request.FirstNames.Trim(),
                UsedFirstName = Clean(request.UsedFirstName),
                BirthDate = request.BirthDate,
                Sex = request.Sex,
                BirthplaceCode = Clean(request.BirthplaceCode),
            },
            now);
        db.Patients.Add(patient);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // The unique IPP index refused the loser of two simultaneous creations.
            throw new ConflictException(ConflictKind.Duplicate, $"A patient with IPP {ipp} of {authority} already exists: search for them.", exception);
        }

        var audit = AuditDetails.Current;
        if (audit is not null)
        {
            audit.PatientId = patient.Id;
            audit.SetTarget("Patient", patient.Id);
            audit.Detail = $"Provisional identity, IPP {ipp} of {authority}.";
        }

        return patient.Id;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

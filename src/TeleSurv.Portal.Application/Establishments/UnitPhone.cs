using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Establishments;

/// <summary>
/// The admin's establishments with what patients are told to call: the oncology unit's number, which an urgent
/// alert's confirmation and every patient page show. Names and numbers of hospitals are not patient data.
/// </summary>
[RequireRole(StaffRole.Admin)]
public sealed record ListEstablishmentContactsQuery : IRequest<IReadOnlyList<EstablishmentContact>>;

public sealed record EstablishmentContact(Guid EstablishmentId, string Code, string Name, string Finess, string? UnitPhone);

internal sealed class ListEstablishmentContactsQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user)
    : IRequestHandler<ListEstablishmentContactsQuery, IReadOnlyList<EstablishmentContact>>
{
    public async ValueTask<IReadOnlyList<EstablishmentContact>> Handle(ListEstablishmentContactsQuery request, CancellationToken cancellationToken)
    {
        var ids = user.EstablishmentIds.ToArray();
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var rows = await db.Establishments.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .Select(e => new EstablishmentContact(e.Id, e.Code, e.Name, e.Finess, e.UnitPhone))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(e => e.Name, StringComparer.CurrentCulture)];
    }
}

/// <summary>
/// Sets, changes or clears the number of an establishment's oncology unit. Answers the number as stored (written
/// in pairs), or null when cleared; the audit entry keeps the number before and after.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("establishment.unit-phone")]
public sealed record SetUnitPhoneCommand(Guid EstablishmentId, string? UnitPhone) : IRequest<string?>, IEstablishmentScopedRequest;

public sealed class SetUnitPhoneCommandValidator : AbstractValidator<SetUnitPhoneCommand>
{
    public SetUnitPhoneCommandValidator()
    {
        RuleFor(c => c.EstablishmentId).NotEmpty();
        RuleFor(c => c.UnitPhone)
            .MaximumLength(64)
            .Must(phone => string.IsNullOrWhiteSpace(phone) || UnitPhoneNumber.Normalise(phone) is not null)
            .WithMessage("Saisir un numéro que le patient peut composer : 02 61 91 00 11 ou +33 2 61 91 00 11. / "
                + "Enter a number the patient can dial: 02 61 91 00 11 or +33 2 61 91 00 11.");
    }
}

internal sealed class SetUnitPhoneCommandHandler(IPortalDbContextFactory dbContextFactory)
    : IRequestHandler<SetUnitPhoneCommand, string?>
{
    public async ValueTask<string?> Handle(SetUnitPhoneCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var establishment = await db.Establishments.FirstOrDefaultAsync(e => e.Id == request.EstablishmentId, cancellationToken)
            ?? throw new NotFoundException("Establishment", request.EstablishmentId);
        AuditDetails.Current?.SetTarget("Establishment", establishment.Id);

        var before = establishment.UnitPhone;
        establishment.UnitPhone = UnitPhoneNumber.Normalise(request.UnitPhone);
        await db.SaveChangesAsync(cancellationToken);
        if (AuditDetails.Current is { } details)
        {
            details.Detail = $"Unit phone: {before ?? "none"} -> {establishment.UnitPhone ?? "none"}.";
        }

        return establishment.UnitPhone;
    }
}

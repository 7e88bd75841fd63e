using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Staff;

/// <summary>
/// Who a user the hospital's identity provider has just authenticated is in the portal, and their directory record
/// brought up to date. The role and the establishments come from the provider's claims when the sign-in settings map
/// them, otherwise from the directory; a user known to neither is refused with the reason.
/// </summary>
/// <remarks>
/// A member of staff whose role comes from the provider is added to the directory on first sign-in, so that what
/// they do is traced to a directory record like everyone else's.
/// </remarks>
[AllowAnonymousRequest("Runs while signing in, once the identity provider's id_token has been validated, before the user is known to the portal.")]
[Audited("staff.sign-in")]
public sealed record SignInWithIdentityProviderCommand : IRequest<IdentityProviderSignIn>
{
    /// <summary>The provider's stable identifier of the user (the directory's login).</summary>
    public required string Login { get; init; }

    public required string DisplayName { get; init; }

    public string? Email { get; init; }

    /// <summary>True when the provider's claims decide the role (then <see cref="Role"/> null means none matched).</summary>
    public bool RoleFromProvider { get; init; }

    /// <summary>The role the provider's claims map to.</summary>
    public StaffRole? Role { get; init; }

    /// <summary>FINESS numbers the provider's claims carry; null when the directory decides the establishments.</summary>
    public IReadOnlyList<string>? EstablishmentFiness { get; init; }
}

/// <summary>Why a user authenticated by the provider may not enter the portal.</summary>
public enum SignInRefusal
{
    /// <summary>Neither the provider's claims nor the directory give the user a portal role.</summary>
    NoRole,

    /// <summary>The user has a role but no establishment of the GHT.</summary>
    NoEstablishment,

    /// <summary>The directory has the user, marked inactive.</summary>
    Inactive,
}

/// <summary>The profile to open a session with, or the reason there is none.</summary>
public sealed record IdentityProviderSignIn(SignInProfile? Profile, SignInRefusal? Refusal)
{
    public static IdentityProviderSignIn Refused(SignInRefusal refusal) => new(null, refusal);
}

public sealed class SignInWithIdentityProviderCommandValidator : AbstractValidator<SignInWithIdentityProviderCommand>
{
    /// <summary>A professional works for a handful of establishments; more than this is a misconfigured claim.</summary>
    public const int MaxEstablishments = 200;

    public SignInWithIdentityProviderCommandValidator()
    {
        RuleFor(c => c.Login).NotEmpty().MaximumLength(256);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Email).MaximumLength(254);
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.EstablishmentFiness!.Count).LessThanOrEqualTo(MaxEstablishments)
            .When(c => c.EstablishmentFiness is not null)
            .OverridePropertyName(nameof(SignInWithIdentityProviderCommand.EstablishmentFiness));
    }
}

internal sealed class SignInWithIdentityProviderCommandHandler(IPortalDbContextFactory dbContextFactory)
    : IRequestHandler<SignInWithIdentityProviderCommand, IdentityProviderSignIn>
{
    public async ValueTask<IdentityProviderSignIn> Handle(SignInWithIdentityProviderCommand request, CancellationToken cancellationToken)
    {
        var audit = AuditDetails.Current;
        if (audit is not null)
        {
            audit.Actor = request.DisplayName;
        }

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var member = await db.StaffMembers.FirstOrDefaultAsync(s => s.Login == request.Login, cancellationToken);
        var refusal = await DecideAsync(db, request, member, cancellationToken);
        if (refusal.Refusal is { } reason)
        {
            if (audit is not null)
            {
                audit.Detail = "Refused: " + reason;
            }

            return IdentityProviderSignIn.Refused(reason);
        }

        var (role, establishmentIds) = (refusal.Role, refusal.EstablishmentIds);
        if (member is null)
        {
            member = new StaffMember { Login = request.Login, DisplayName = request.DisplayName, Role = role };
            db.StaffMembers.Add(member);
        }

        member.DisplayName = request.DisplayName;
        member.Email = request.Email ?? member.Email;
        member.Role = role;
        member.Establishments.RemoveAll(l => !establishmentIds.Contains(l.EstablishmentId));
        foreach (var id in establishmentIds.Where(id => member.Establishments.All(l => l.EstablishmentId != id)))
        {
            member.Establishments.Add(new StaffEstablishment { StaffMemberId = member.Id, EstablishmentId = id });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (audit is not null)
        {
            audit.SetTarget("StaffMember", member.Id);
        }

        return new IdentityProviderSignIn(
            new SignInProfile(member.Id, member.Login, member.DisplayName, role, [.. establishmentIds.Order()]), null);
    }

    private static async Task<(SignInRefusal? Refusal, StaffRole Role, HashSet<Guid> EstablishmentIds)> DecideAsync(
        IPortalDbContext db, SignInWithIdentityProviderCommand request, StaffMember? member, CancellationToken cancellationToken)
    {
        if (member is { IsActive: false })
        {
            return (SignInRefusal.Inactive, default, []);
        }

        if ((request.RoleFromProvider ? request.Role : member?.Role) is not { } role)
        {
            return (SignInRefusal.NoRole, default, []);
        }

        HashSet<Guid> establishmentIds;
        if (request.EstablishmentFiness is { } claimed)
        {
            var finess = claimed.Where(Establishment.IsValidFiness).Distinct(StringComparer.Ordinal).ToArray();
            establishmentIds = (await db.Establishments.AsNoTracking()
                .Where(e => finess.Contains(e.Finess))
                .Select(e => e.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
        }
        else
        {
            establishmentIds = member?.Establishments.Select(l => l.EstablishmentId).ToHashSet() ?? [];
        }

        return establishmentIds.Count == 0 ? (SignInRefusal.NoEstablishment, role, []) : (null, role, establishmentIds);
    }
}

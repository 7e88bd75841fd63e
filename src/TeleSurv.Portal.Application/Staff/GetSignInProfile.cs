using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Staff;

/// <summary>
/// Who a freshly authenticated login is in the portal's directory: null when the login is unknown or the member
/// of staff is no longer active, and then the user is not signed in.
/// </summary>
[AllowAnonymousRequest("Runs while signing in, before the user is known to the portal.")]
public sealed record GetSignInProfileQuery(string Login) : IRequest<SignInProfile?>;

public sealed record SignInProfile(Guid StaffMemberId, string Login, string DisplayName, StaffRole Role, IReadOnlyList<Guid> EstablishmentIds);

public sealed class GetSignInProfileQueryValidator : AbstractValidator<GetSignInProfileQuery>
{
    public GetSignInProfileQueryValidator() => RuleFor(q => q.Login).NotEmpty().MaximumLength(256);
}

internal sealed class GetSignInProfileQueryHandler(IPortalDbContextFactory dbContextFactory)
    : IRequestHandler<GetSignInProfileQuery, SignInProfile?>
{
    public async ValueTask<SignInProfile?> Handle(GetSignInProfileQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var member = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Login == request.Login && s.IsActive)
            .Select(s => new
            {
                s.Id,
                s.Login,
                s.DisplayName,
                s.Role,
                EstablishmentIds = s.Establishments.Select(l => l.EstablishmentId).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);

        return member is null
            ? null
            : new SignInProfile(member.Id, member.Login, member.DisplayName, member.Role, member.EstablishmentIds);
    }
}

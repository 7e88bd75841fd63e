using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Staff;

/// <summary>Opens the server-side session of a sign-in that has just succeeded; its id goes into the cookie.</summary>
[AllowAnonymousRequest("Runs while the sign-in completes, before the session cookie exists.")]
public sealed record OpenStaffSessionCommand(Guid StaffMemberId, string Method, string? ClientAddress, string? ProviderSessionId = null)
    : IRequest<Guid>;

public sealed class OpenStaffSessionCommandValidator : AbstractValidator<OpenStaffSessionCommand>
{
    public OpenStaffSessionCommandValidator()
    {
        RuleFor(c => c.StaffMemberId).NotEmpty();
        RuleFor(c => c.Method).NotEmpty().MaximumLength(32);
        RuleFor(c => c.ClientAddress).MaximumLength(64);
        RuleFor(c => c.ProviderSessionId).MaximumLength(StaffSession.ProviderSessionIdMaxLength);
    }
}

internal sealed class OpenStaffSessionCommandHandler(IPortalDbContextFactory dbContextFactory, TimeProvider clock)
    : IRequestHandler<OpenStaffSessionCommand, Guid>
{
    public async ValueTask<Guid> Handle(OpenStaffSessionCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new StaffSession
        {
            StaffMemberId = request.StaffMemberId,
            Method = request.Method,
            ClientAddress = request.ClientAddress,
            ProviderSessionId = request.ProviderSessionId,
            StartedAt = now,
            LastSeenAt = now,
        };
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }
}

/// <summary>
/// Whether a session is still open and who its member of staff is now. Ends the session when its member was
/// deactivated or it stayed unused beyond the idle time; answers null for an ended, unknown or foreign session.
/// </summary>
[AllowAnonymousRequest("Checks the session cookie itself, before the request's user is established.")]
public sealed record CheckStaffSessionCommand(Guid SessionId, Guid StaffMemberId, TimeSpan IdleTimeout, bool Touch)
    : IRequest<SignInProfile?>;

internal sealed class CheckStaffSessionCommandHandler(IPortalDbContextFactory dbContextFactory, TimeProvider clock)
    : IRequestHandler<CheckStaffSessionCommand, SignInProfile?>
{
    /// <summary>A session's last use is written at most this often: reads stay reads on a busy page.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async ValueTask<SignInProfile?> Handle(CheckStaffSessionCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var session = await db.StaffSessions.AsNoTracking()
            .Where(s => s.Id == request.SessionId && s.StaffMemberId == request.StaffMemberId && s.EndedAt == null)
            .Select(s => new { s.LastSeenAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return null;
        }

        var member = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Id == request.StaffMemberId)
            .Select(s => new
            {
                s.Login,
                s.DisplayName,
                s.Role,
                s.IsActive,
                EstablishmentIds = s.Establishments.Select(l => l.EstablishmentId).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var end = member is null || !member.IsActive ? StaffSessionEnd.Deactivated
            : session.LastSeenAt + request.IdleTimeout + TouchInterval < now ? StaffSessionEnd.IdleTimeout
            : (StaffSessionEnd?)null;
        if (end is { } reason)
        {
            await EndAsync(db, request.SessionId, reason, now, cancellationToken);
            return null;
        }

        if (request.Touch && session.LastSeenAt + TouchInterval <= now)
        {
            await db.StaffSessions.Where(s => s.Id == request.SessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return new SignInProfile(request.StaffMemberId, member!.Login, member.DisplayName, member.Role, member.EstablishmentIds);
    }

    private static async Task EndAsync(IPortalDbContext db, Guid sessionId, StaffSessionEnd reason, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.StaffSessions.FirstAsync(s => s.Id == sessionId, cancellationToken);
        row.End(reason, now);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Ends the session a cookie names, on sign-out. Ending an ended or unknown session does nothing.</summary>
[AllowAnonymousRequest("Signing out ends the session the cookie names; it gives nothing to whoever holds it.")]
public sealed record CloseStaffSessionCommand(Guid SessionId) : IRequest<bool>;

internal sealed class CloseStaffSessionCommandHandler(IPortalDbContextFactory dbContextFactory, TimeProvider clock)
    : IRequestHandler<CloseStaffSessionCommand, bool>
{
    public async ValueTask<bool> Handle(CloseStaffSessionCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var session = await db.StaffSessions.FirstOrDefaultAsync(s => s.Id == request.SessionId && s.EndedAt == null, cancellationToken);
        if (session is null)
        {
            return false;
        }

        session.End(StaffSessionEnd.SignedOut, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>
/// Ends every open portal session opened under an identity provider's session, when the provider says the user
/// signed out there (front-channel logout). Answers who each ended session was, for the sign-out's audit entry.
/// </summary>
[AllowAnonymousRequest("The provider's front-channel call carries no portal cookie; it names a provider session only.")]
public sealed record EndProviderSessionCommand(string ProviderSessionId) : IRequest<IReadOnlyList<EndedStaffSession>>;

public sealed record EndedStaffSession(Guid SessionId, SignInProfile Member);

public sealed class EndProviderSessionCommandValidator : AbstractValidator<EndProviderSessionCommand>
{
    public EndProviderSessionCommandValidator() =>
        RuleFor(c => c.ProviderSessionId).NotEmpty().MaximumLength(StaffSession.ProviderSessionIdMaxLength);
}

internal sealed class EndProviderSessionCommandHandler(IPortalDbContextFactory dbContextFactory, TimeProvider clock)
    : IRequestHandler<EndProviderSessionCommand, IReadOnlyList<EndedStaffSession>>
{
    public async ValueTask<IReadOnlyList<EndedStaffSession>> Handle(EndProviderSessionCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var sessions = await db.StaffSessions
            .Where(s => s.ProviderSessionId == request.ProviderSessionId && s.EndedAt == null)
            .ToListAsync(cancellationToken);
        if (sessions.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var session in sessions)
        {
            session.End(StaffSessionEnd.SignedOutAtProvider, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        var memberIds = sessions.Select(s => s.StaffMemberId).Distinct().ToList();
        var members = await db.StaffMembers.AsNoTracking()
            .Where(m => memberIds.Contains(m.Id))
            .Select(m => new SignInProfile(m.Id, m.Login, m.DisplayName, m.Role, m.Establishments.Select(l => l.EstablishmentId).ToList()))
            .ToDictionaryAsync(m => m.StaffMemberId, cancellationToken);
        return [.. sessions.Where(s => members.ContainsKey(s.StaffMemberId)).Select(s => new EndedStaffSession(s.Id, members[s.StaffMemberId]))];
    }
}

/// <summary>
/// Open sessions of the staff of the admin's establishments (a session unused beyond the idle time is not open),
/// most recent use first.
/// </summary>
[RequireRole(StaffRole.Admin)]
public sealed record ListOpenStaffSessionsQuery(TimeSpan IdleTimeout) : IRequest<IReadOnlyList<OpenStaffSession>>;

public sealed record OpenStaffSession(
    Guid SessionId, Guid StaffMemberId, string DisplayName, string Login, StaffRole Role, string Method, string? ClientAddress,
    DateTime StartedAt, DateTime LastSeenAt);

internal sealed class ListOpenStaffSessionsQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ListOpenStaffSessionsQuery, IReadOnlyList<OpenStaffSession>>
{
    private const int MaxRows = 500;

    public async ValueTask<IReadOnlyList<OpenStaffSession>> Handle(ListOpenStaffSessionsQuery request, CancellationToken cancellationToken)
    {
        var establishments = user.EstablishmentIds.ToList();
        var since = clock.GetUtcNow().UtcDateTime - request.IdleTimeout - TimeSpan.FromMinutes(1);
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var rows = await (
                from s in db.StaffSessions.AsNoTracking()
                join m in db.StaffMembers.AsNoTracking() on s.StaffMemberId equals m.Id
                where s.EndedAt == null && s.LastSeenAt >= since && m.Establishments.Any(l => establishments.Contains(l.EstablishmentId))
                orderby s.LastSeenAt descending
                select new { s.Id, StaffMemberId = m.Id, m.DisplayName, m.Login, m.Role, s.Method, s.ClientAddress, s.StartedAt, s.LastSeenAt })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OpenStaffSession(r.Id, r.StaffMemberId, r.DisplayName, r.Login, r.Role, r.Method, r.ClientAddress, r.StartedAt, r.LastSeenAt))];
    }
}

/// <summary>
/// Ends one session, or every open session, of a member of staff of the admin's establishments: their open pages
/// stop acting and their cookies are refused from the next request.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("staff.session.end")]
public sealed record EndStaffSessionsCommand(Guid StaffMemberId, Guid? SessionId) : IRequest<int>;

internal sealed class EndStaffSessionsCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<EndStaffSessionsCommand, int>
{
    public async ValueTask<int> Handle(EndStaffSessionsCommand request, CancellationToken cancellationToken)
    {
        var establishments = user.EstablishmentIds.ToList();
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var visible = await db.StaffMembers.AsNoTracking()
            .AnyAsync(m => m.Id == request.StaffMemberId && m.Establishments.Any(l => establishments.Contains(l.EstablishmentId)), cancellationToken);
        if (!visible)
        {
            throw new OutOfScopeException("StaffMember", request.StaffMemberId);
        }

        AuditDetails.Current?.SetTarget("StaffMember", request.StaffMemberId);
        var sessions = await db.StaffSessions
            .Where(s => s.StaffMemberId == request.StaffMemberId && s.EndedAt == null)
            .Where(s => request.SessionId == null || s.Id == request.SessionId)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var session in sessions)
        {
            session.End(StaffSessionEnd.EndedByAdmin, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (AuditDetails.Current is { } details)
        {
            details.Detail = request.SessionId is null ? $"{sessions.Count} session(s) ended." : $"Session {request.SessionId} ended.";
        }

        return sessions.Count;
    }
}

using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// The interface monitor's figures: messages received per hour over the last 24 hours, today's count by status,
/// the size of the error queue, the last message received, and the listener's state. Counts only, no patient data.
/// </summary>
[RequireRole(StaffRole.Admin)]
public sealed record GetInterfaceMonitorQuery : IRequest<AdtMonitorFigures>;

/// <param name="PerHour">24 buckets, oldest first; the last is the current hour.</param>
public sealed record AdtMonitorFigures(
    AdtListenerSnapshot Listener,
    IReadOnlyList<HourlyCount> PerHour,
    int ReceivedLast24Hours,
    int ErrorsLast24Hours,
    int InErrorQueue,
    DateTime? LastReceivedAt,
    string? LastReceivedType)
{
    /// <summary>Messages of the last 24 hours refused because their MSH-10 was already used for other content.</summary>
    public int ReusedControlIdsLast24Hours { get; init; }
}

public sealed record HourlyCount(DateTime HourStart, int Messages, int Errors);

internal sealed class GetInterfaceMonitorQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, AdtListenerState listener)
    : IRequestHandler<GetInterfaceMonitorQuery, AdtMonitorFigures>
{
    public async ValueTask<AdtMonitorFigures> Handle(GetInterfaceMonitorQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var currentHour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var since = currentHour.AddHours(-23);

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var visible = db.AdtMessages.AsNoTracking().VisibleTo(user);
        var recent = await visible
            .Where(m => m.ReceivedAt >= since)
            .Select(m => new { m.ReceivedAt, m.Status, Reused = m.ErrorCode == AdtIssue.DuplicateKeyIdentifier && m.ControlId == null })
            .ToListAsync(cancellationToken);
        var inQueue = await visible.CountAsync(m => m.Status == AdtMessageStatus.Rejected || m.Status == AdtMessageStatus.Failed, cancellationToken);
        var last = await visible
            .OrderByDescending(m => m.ReceivedAt)
            .Select(m => new { m.ReceivedAt, Type = m.MessageType + "^" + m.TriggerEvent })
            .FirstOrDefaultAsync(cancellationToken);

        static bool IsError(AdtMessageStatus status) => status is AdtMessageStatus.Rejected or AdtMessageStatus.Failed;
        var perHour = Enumerable.Range(0, 24)
            .Select(i => since.AddHours(i))
            .Select(hour =>
            {
                var inHour = recent.Where(m => m.ReceivedAt >= hour && m.ReceivedAt < hour.AddHours(1)).ToList();
                return new HourlyCount(hour, inHour.Count, inHour.Count(m => IsError(m.Status)));
            })
            .ToList();
        return new AdtMonitorFigures(
            listener.Snapshot(), perHour, recent.Count, recent.Count(m => IsError(m.Status)), inQueue, last?.ReceivedAt, last?.Type)
        {
            ReusedControlIdsLast24Hours = recent.Count(m => m.Reused),
        };
    }
}

using FluentValidation;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Messaging;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// The nurses' triage queue: alerts of the user's establishments, most urgent first, then overdue first, then by
/// SLA due time. Without statuses, everything not resolved.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.queue.read")]
public sealed record GetAlertQueueQuery : IRequest<AlertQueuePage>, IEstablishmentFilteredRequest
{
    public Guid? EstablishmentId { get; init; }

    public IReadOnlyCollection<AlertPriority>? Priorities { get; init; }

    public IReadOnlyCollection<AlertStatus>? Statuses { get; init; }

    /// <summary>PRO-CTCAE item key that one of the alert's findings concerns.</summary>
    public string? ItemKey { get; init; }

    /// <summary>Only alerts the current user has claimed.</summary>
    public bool MineOnly { get; init; }

    public bool OverdueOnly { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

public sealed record AlertQueuePage(PagedResult<AlertQueueRow> Alerts, AlertQueueCounts Counts);

/// <param name="Version">The alert's version, for a command sent from the queue (claiming it).</param>
public sealed record AlertQueueRow(
    Guid AlertId,
    AlertPriority Priority,
    AlertKind Kind,
    AlertStatus Status,
    Guid EstablishmentId,
    Guid PatientId,
    string PatientName,
    int PatientAge,
    string Ipp,
    string? WorstItemKey,
    int? WorstGrade,
    bool Worsened,
    DateTime RaisedAt,
    DateTime SlaDueAt,
    bool IsOverdue,
    Guid? ClaimedById,
    string? ClaimedByName,
    Guid Version);

/// <summary>Unresolved alerts of the user's scope (the establishment filter applies, the others do not).</summary>
public sealed record AlertQueueCounts(int Urgent, int High, int Medium, int Low, int Overdue)
{
    public int Total => Urgent + High + Medium + Low;
}

public sealed class GetAlertQueueQueryValidator : AbstractValidator<GetAlertQueueQuery>
{
    public GetAlertQueueQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        RuleFor(q => q.ItemKey).MaximumLength(64);
        RuleForEach(q => q.Priorities).IsInEnum();
        RuleForEach(q => q.Statuses).IsInEnum();
    }
}

internal sealed class GetAlertQueueQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<GetAlertQueueQuery, AlertQueuePage>
{
    public async Task<AlertQueuePage> Handle(GetAlertQueueQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        Guid[] establishmentIds = request.EstablishmentId is { } one ? [one] : [.. user.EstablishmentIds];
        var statuses = request.Statuses is { Count: > 0 } ? request.Statuses.ToArray() : AlertOrdering.Unresolved;

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var inScope = db.Alerts.AsNoTracking().Where(a => establishmentIds.Contains(a.EstablishmentId));

        var filtered = inScope.Where(a => statuses.Contains(a.Status));
        if (request.Priorities is { Count: > 0 })
        {
            var priorities = request.Priorities.ToArray();
            filtered = filtered.Where(a => priorities.Contains(a.Priority));
        }

        if (!string.IsNullOrWhiteSpace(request.ItemKey))
        {
            var itemKey = request.ItemKey.Trim();
            filtered = filtered.Where(a => a.WorstItemKey == itemKey || a.Findings.Any(f => f.ItemKey == itemKey));
        }

        if (request.MineOnly)
        {
            var me = user.StaffMemberId;
            filtered = filtered.Where(a => a.ClaimedById == me);
        }

        if (request.OverdueOnly)
        {
            filtered = filtered.Where(a => a.Status != AlertStatus.Resolved && now > a.SlaDueAt);
        }

        var total = await filtered.CountAsync(cancellationToken);
        var rows = await filtered
            .OrderBy(AlertOrdering.PriorityRank)
            .ThenBy(a => a.Status != AlertStatus.Resolved && now > a.SlaDueAt ? 0 : 1)
            .ThenBy(a => a.SlaDueAt)
            .ThenBy(a => a.Id)
            .Skip(Paging.Skip(request.Page, request.PageSize))
            .Take(request.PageSize)
            .Select(a => new
            {
                a.Id,
                a.Priority,
                a.Kind,
                a.Status,
                a.EstablishmentId,
                a.PatientId,
                a.WorstItemKey,
                a.WorstGrade,
                a.Worsened,
                a.RaisedAt,
                a.SlaDueAt,
                IsOverdue = a.Status != AlertStatus.Resolved && now > a.SlaDueAt,
                a.ClaimedById,
                ClaimedByName = db.StaffMembers.Where(s => s.Id == a.ClaimedById).Select(s => s.DisplayName).FirstOrDefault(),
                a.Version,
            })
            .ToListAsync(cancellationToken);
        var patients = await PatientLabels.ForAsync(db, rows.Select(r => r.PatientId), cancellationToken);

        var counts = await CountUnresolvedAsync(inScope, now, cancellationToken);
        AuditDetails.Current?.Detail = $"{total} alert(s) listed, page {request.Page}.";

        var items = rows.Select(r =>
        {
            var patient = patients[r.PatientId];
            var (name, age) = patient.Describe(today);
            return new AlertQueueRow(
                r.Id, r.Priority, r.Kind, r.Status, r.EstablishmentId, r.PatientId, name, age, patient.Ipp, r.WorstItemKey,
                r.WorstGrade, r.Worsened, r.RaisedAt, r.SlaDueAt, r.IsOverdue, r.ClaimedById, r.ClaimedByName, r.Version);
        }).ToList();
        return new AlertQueuePage(new PagedResult<AlertQueueRow>(items, total, request.Page, request.PageSize), counts);
    }

    private static async Task<AlertQueueCounts> CountUnresolvedAsync(IQueryable<Alert> inScope, DateTime now, CancellationToken cancellationToken)
    {
        var unresolved = inScope.Where(a => a.Status != AlertStatus.Resolved);
        var byPriority = await unresolved
            .GroupBy(a => a.Priority)
            .Select(g => new { Priority = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Priority, g => g.Count, cancellationToken);
        var overdue = await unresolved.CountAsync(a => now > a.SlaDueAt, cancellationToken);
        return new AlertQueueCounts(
            byPriority.GetValueOrDefault(AlertPriority.Urgent),
            byPriority.GetValueOrDefault(AlertPriority.High),
            byPriority.GetValueOrDefault(AlertPriority.Medium),
            byPriority.GetValueOrDefault(AlertPriority.Low),
            overdue);
    }
}

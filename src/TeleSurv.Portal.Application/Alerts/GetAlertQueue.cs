using System.Diagnostics;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// The nurses' triage queue: alerts of the user's establishments, most urgent first, then overdue first, then by
/// SLA due time, unless another <see cref="AlertQueueSort"/> is asked for. Without statuses, everything not resolved;
/// resolved alerts asked for come after the others, the last resolved first (or in the order asked for).
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

    public AlertQueueSort Sort { get; init; } = AlertQueueSort.Triage;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

/// <summary>The queue's orders. Whatever the order, the alerts still to handle come before the resolved ones.</summary>
public enum AlertQueueSort
{
    /// <summary>Most urgent first, then overdue first, then by SLA due time.</summary>
    Triage,
    NewestFirst,
    OldestFirst,
    DueSoonestFirst,
    DueLatestFirst,
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
    Guid Version)
{
    /// <summary>What the alert is shown for: its highest-priority finding and the count of the others.</summary>
    public AlertReason? Reason { get; init; }
}

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
        RuleFor(q => q.Sort).IsInEnum();
    }
}

internal sealed class GetAlertQueueQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<GetAlertQueueQuery, AlertQueuePage>
{
    /// <summary>Resolved alerts counted at least this far.</summary>
    internal const int ResolvedCountLimit = 1000;

    /// <summary>Pages of resolved alerts counted beyond the one asked for.</summary>
    internal const int ResolvedPagesCountedAhead = 10;

    public async ValueTask<AlertQueuePage> Handle(GetAlertQueueQuery request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await ReadAsync(request, cancellationToken);
        }
        finally
        {
            PortalTelemetry.QueueQueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async ValueTask<AlertQueuePage> ReadAsync(GetAlertQueueQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        Guid[] establishmentIds = request.EstablishmentId is { } one ? [one] : [.. user.EstablishmentIds];
        var statuses = request.Statuses is { Count: > 0 } ? request.Statuses.Distinct().ToArray() : AlertOrdering.Unresolved;
        var toHandle = statuses.Where(s => s != AlertStatus.Resolved).ToArray();

        // A resolved alert is never overdue.
        var withResolved = statuses.Contains(AlertStatus.Resolved) && !request.OverdueOnly;

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var inScope = db.Alerts.AsNoTracking().Where(a => establishmentIds.Contains(a.EstablishmentId));
        var filtered = Filter(inScope, request, now);

        // The alerts still to handle come first, in triage order; the resolved ones follow, last resolved first. The
        // two parts are paged as one list, each by an ordering an index serves.
        var openPart = filtered.Where(a => toHandle.Contains(a.Status));
        var resolvedPart = filtered.Where(a => a.Status == AlertStatus.Resolved);
        var skip = Paging.Skip(request.Page, request.PageSize);
        var counts = await CountUnresolvedAsync(inScope, now, cancellationToken);

        // The queue as it opens (every unresolved alert, no other filter) is what the header counts already.
        var unfiltered = ReferenceEquals(filtered, inScope) && AlertOrdering.Unresolved.All(toHandle.Contains);
        var openCount = toHandle.Length == 0 ? 0 : unfiltered ? counts.Total : await openPart.CountAsync(cancellationToken);

        // The history is counted only a few pages beyond the one asked for: the pager needs to know there is more,
        // not how many years of alerts there are.
        var resolvedLimit = Math.Max(ResolvedCountLimit, skip - openCount + (ResolvedPagesCountedAhead + 1) * request.PageSize);
        var resolvedCount = withResolved ? await resolvedPart.Take(resolvedLimit + 1).CountAsync(cancellationToken) : 0;
        var totalIsLowerBound = resolvedCount > resolvedLimit;
        var rows = new List<AlertQueueRow>(Math.Min(request.PageSize, openCount + resolvedCount));
        if (skip < openCount)
        {
            rows.AddRange(await Project(db, Ordered(openPart, request.Sort, now).Skip(skip).Take(request.PageSize), now).ToListAsync(cancellationToken));
        }

        if (withResolved && rows.Count < request.PageSize && skip + rows.Count < openCount + resolvedCount)
        {
            var resolvedSkip = Math.Max(0, skip - openCount);
            var recent = request.Sort == AlertQueueSort.Triage
                ? resolvedPart.OrderByDescending(a => a.ResolvedAt).ThenByDescending(a => a.Id)
                : Ordered(resolvedPart, request.Sort, now);
            rows.AddRange(await Project(db, recent.Skip(resolvedSkip).Take(request.PageSize - rows.Count), now).ToListAsync(cancellationToken));
        }

        var patients = await PatientLabels.ForAsync(db, rows.Select(r => r.PatientId), cancellationToken);
        var reasons = await AlertReasons.ForAsync(db, rows.Select(r => r.AlertId), cancellationToken);
        var total = openCount + resolvedCount;
        AuditDetails.Current?.Detail = AuditDetails.NamingPatients(
            $"{(totalIsLowerBound ? "More than " + (total - 1) : total)} alert(s) listed, page {request.Page}.", rows.Select(r => r.PatientId));

        var items = rows.Select(r =>
        {
            var patient = patients[r.PatientId];
            var (name, age) = patient.Describe(today);
            return r with { PatientName = name, PatientAge = age, Ipp = patient.Ipp, Reason = reasons.GetValueOrDefault(r.AlertId) };
        }).ToList();
        return new AlertQueuePage(
            new PagedResult<AlertQueueRow>(items, total, request.Page, request.PageSize) { TotalIsLowerBound = totalIsLowerBound },
            counts);
    }

    /// <summary>Every filter of the request but the statuses.</summary>
    private IQueryable<Alert> Filter(IQueryable<Alert> inScope, GetAlertQueueQuery request, DateTime now)
    {
        var filtered = inScope;
        if (request.Priorities is { Count: > 0 })
        {
            var priorities = request.Priorities.ToArray();
            filtered = filtered.Where(a => priorities.Contains(a.Priority));
        }

        if (!string.IsNullOrWhiteSpace(request.ItemKey))
        {
            // The worst symptom is one of the findings, so the findings alone answer.
            var itemKey = request.ItemKey.Trim();
            filtered = filtered.Where(a => a.Findings.Any(f => f.ItemKey == itemKey));
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

        return filtered;
    }

    /// <summary>The order asked for; the alert's id last, so that pages never share or skip a row.</summary>
    private static IOrderedQueryable<Alert> Ordered(IQueryable<Alert> alerts, AlertQueueSort sort, DateTime now) => sort switch
    {
        AlertQueueSort.NewestFirst => alerts.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id),
        AlertQueueSort.OldestFirst => alerts.OrderBy(a => a.RaisedAt).ThenBy(a => a.Id),
        AlertQueueSort.DueSoonestFirst => alerts.OrderBy(a => a.SlaDueAt).ThenBy(a => a.Id),
        AlertQueueSort.DueLatestFirst => alerts.OrderByDescending(a => a.SlaDueAt).ThenByDescending(a => a.Id),
        _ => alerts
            .OrderBy(AlertOrdering.PriorityRank)
            .ThenBy(a => now > a.SlaDueAt ? 0 : 1)
            .ThenBy(a => a.SlaDueAt)
            .ThenBy(a => a.Id),
    };

    /// <summary>The rows as the database gives them; the patient's name, age and IPP are added from their labels.</summary>
    private static IQueryable<AlertQueueRow> Project(IPortalDbContext db, IQueryable<Alert> alerts, DateTime now) => alerts
        .Select(a => new AlertQueueRow(
            a.Id,
            a.Priority,
            a.Kind,
            a.Status,
            a.EstablishmentId,
            a.PatientId,
            string.Empty,
            0,
            string.Empty,
            a.WorstItemKey,
            a.WorstGrade,
            a.Worsened,
            a.RaisedAt,
            a.SlaDueAt,
            a.Status != AlertStatus.Resolved && now > a.SlaDueAt,
            a.ClaimedById,
            db.StaffMembers.Where(s => s.Id == a.ClaimedById).Select(s => s.DisplayName).FirstOrDefault(),
            a.Version));

    /// <summary>Counts per priority and overdue, in one pass over the unresolved alerts of the scope.</summary>
    private static async Task<AlertQueueCounts> CountUnresolvedAsync(IQueryable<Alert> inScope, DateTime now, CancellationToken cancellationToken)
    {
        // The statuses by name rather than "not resolved", so that the index on establishment and status is sought
        // into, not scanned over the whole history.
        var unresolved = AlertOrdering.Unresolved;
        var byPriority = await inScope
            .Where(a => unresolved.Contains(a.Status))
            .GroupBy(a => a.Priority)
            .Select(g => new { Priority = g.Key, Count = g.Count(), Overdue = g.Count(a => now > a.SlaDueAt) })
            .ToDictionaryAsync(g => g.Priority, cancellationToken);
        return new AlertQueueCounts(
            byPriority.GetValueOrDefault(AlertPriority.Urgent)?.Count ?? 0,
            byPriority.GetValueOrDefault(AlertPriority.High)?.Count ?? 0,
            byPriority.GetValueOrDefault(AlertPriority.Medium)?.Count ?? 0,
            byPriority.GetValueOrDefault(AlertPriority.Low)?.Count ?? 0,
            byPriority.Values.Sum(g => g.Overdue));
    }
}

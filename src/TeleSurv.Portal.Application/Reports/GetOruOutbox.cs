using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>
/// The ORU outbox as an administrator watches it: counts by state, the age of the oldest message still owed, and
/// the messages, newest first. The outbox belongs to the interface, not to an establishment: an administrator sees
/// all of it.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("oru.outbox.read")]
public sealed record GetOruOutboxQuery : IRequest<OruOutboxOverview>
{
    public OruMessageState? State { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

public sealed record OruOutboxOverview(OruOutboxStatistics Statistics, DateTime Now, PagedResult<OruOutboxRow> Messages)
{
    public TimeSpan? OldestPendingAge => Statistics.OldestPendingAge(Now);
}

/// <param name="WaitsForEarlier">Pending behind an earlier message of the same patient not yet delivered.</param>
public sealed record OruOutboxRow(
    long Sequence,
    string ControlId,
    OruMessageKind Kind,
    OruMessageState State,
    Guid PatientId,
    string PatientName,
    string Ipp,
    Guid? AlertId,
    int? ReportVersion,
    DateTime CreatedAt,
    int Attempts,
    DateTime? LastAttemptAt,
    DateTime NextAttemptAt,
    DateTime? DeliveredAt,
    string? AckCode,
    string? AckText,
    string? LastError,
    int Requeues,
    bool WaitsForEarlier);

public sealed class GetOruOutboxQueryValidator : AbstractValidator<GetOruOutboxQuery>
{
    public GetOruOutboxQueryValidator()
    {
        RuleFor(q => q.State).IsInEnum();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

internal sealed class GetOruOutboxQueryHandler(IPortalDbContextFactory dbContextFactory, TimeProvider timeProvider)
    : IRequestHandler<GetOruOutboxQuery, OruOutboxOverview>
{
    public async ValueTask<OruOutboxOverview> Handle(GetOruOutboxQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var statistics = await OruOutboxStatistics.ReadAsync(db, cancellationToken);

        var query = db.OruOutbox.AsNoTracking();
        if (request.State is { } state)
        {
            query = query.Where(m => m.State == state);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = query.OrderByDescending(m => m.Sequence).Skip(Paging.Skip(request.Page, request.PageSize)).Take(request.PageSize);
        var rows = await OruOutboxRows.ReadAsync(db, page, cancellationToken);
        AuditDetails.Current?.Detail = $"{rows.Count} of {total} message(s).";
        return new OruOutboxOverview(
            statistics, timeProvider.GetUtcNow().UtcDateTime, new PagedResult<OruOutboxRow>(rows, total, request.Page, request.PageSize));
    }
}

internal static class OruOutboxRows
{
    public static async Task<List<OruOutboxRow>> ReadAsync(
        IPortalDbContext db, IQueryable<OruOutboxMessage> messages, CancellationToken cancellationToken)
    {
        var rows = await (
            from m in messages
            join p in db.Patients on m.PatientId equals p.Id
            select new
            {
                Message = m,
                FamilyName = p.UsedFamilyName ?? p.BirthFamilyName,
                FirstName = p.UsedFirstName ?? p.FirstNames,
                p.Ipp,
                WaitsForEarlier = m.State == OruMessageState.Pending
                    && db.OruOutbox.Any(o => o.PatientId == m.PatientId && o.Sequence < m.Sequence && o.State != OruMessageState.Delivered),
            }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OruOutboxRow(
            r.Message.Sequence,
            r.Message.ControlId,
            r.Message.Kind,
            r.Message.State,
            r.Message.PatientId,
            $"{r.FamilyName.ToUpperInvariant()} {r.FirstName}",
            r.Ipp,
            r.Message.AlertId,
            r.Message.ReportVersion,
            r.Message.CreatedAt,
            r.Message.Attempts,
            r.Message.LastAttemptAt,
            r.Message.NextAttemptAt,
            r.Message.DeliveredAt,
            r.Message.AckCode,
            r.Message.AckText,
            r.Message.LastError,
            r.Message.Requeues,
            r.WaitsForEarlier))];
    }
}

using FluentValidation;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Messaging;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Escalations;

/// <summary>
/// Alerts escalated to an oncologist in the user's establishments, most urgent first and, within a priority,
/// the one waiting longest first.
/// </summary>
[RequireRole(StaffRole.Oncologist, StaffRole.Ipa)]
[Audited("escalation.inbox.read")]
public sealed record GetEscalationInboxQuery : IRequest<PagedResult<EscalationRow>>, IEstablishmentFilteredRequest
{
    public Guid? EstablishmentId { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

public sealed record EscalationRow(
    Guid AlertId,
    AlertPriority Priority,
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
    DateTime? EscalatedAt,
    string? EscalatedByName,
    string? EscalationNote);

public sealed class GetEscalationInboxQueryValidator : AbstractValidator<GetEscalationInboxQuery>
{
    public GetEscalationInboxQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

internal sealed class GetEscalationInboxQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<GetEscalationInboxQuery, PagedResult<EscalationRow>>
{
    public async Task<PagedResult<EscalationRow>> Handle(GetEscalationInboxQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Guid[] establishmentIds = request.EstablishmentId is { } one ? [one] : [.. user.EstablishmentIds];

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var escalated = db.Alerts.AsNoTracking()
            .Where(a => establishmentIds.Contains(a.EstablishmentId) && a.Status == AlertStatus.Escalated);

        var total = await escalated.CountAsync(cancellationToken);
        var rows = await escalated
            .Select(a => new
            {
                Alert = a,
                // An alert escalated twice waits since its latest escalation.
                EscalatedAt = db.TriageActions
                    .Where(t => t.AlertId == a.Id && t.Kind == TriageActionKind.Escalation)
                    .OrderByDescending(t => t.At)
                    .Select(t => (DateTime?)t.At)
                    .FirstOrDefault(),
            })
            .OrderBy(x => x.Alert.Priority == AlertPriority.Urgent ? 0
                : x.Alert.Priority == AlertPriority.High ? 1
                : x.Alert.Priority == AlertPriority.Medium ? 2
                : 3)
            .ThenBy(x => x.EscalatedAt ?? x.Alert.RaisedAt)
            .ThenBy(x => x.Alert.Id)
            .Skip(Paging.Skip(request.Page, request.PageSize))
            .Take(request.PageSize)
            .Select(x => new
            {
                x.Alert.Id,
                x.Alert.Priority,
                x.Alert.EstablishmentId,
                x.Alert.PatientId,
                x.Alert.WorstItemKey,
                x.Alert.WorstGrade,
                x.Alert.Worsened,
                x.Alert.RaisedAt,
                x.Alert.SlaDueAt,
                x.EscalatedAt,
            })
            .ToListAsync(cancellationToken);

        var alertIds = rows.Select(r => r.Id).ToArray();
        var escalations = (await db.TriageActions.AsNoTracking()
                .Where(t => alertIds.Contains(t.AlertId) && t.Kind == TriageActionKind.Escalation)
                .Select(t => new { t.AlertId, t.At, t.StaffName, t.Note })
                .ToListAsync(cancellationToken))
            .GroupBy(t => t.AlertId)
            .ToDictionary(g => g.Key, g => g.MaxBy(t => t.At)!);
        var patients = await PatientLabels.ForAsync(db, rows.Select(r => r.PatientId), cancellationToken);
        AuditDetails.Current?.Detail = $"{total} escalated alert(s), page {request.Page}.";

        var today = DateOnly.FromDateTime(now);
        var items = rows.Select(r =>
        {
            var patient = patients[r.PatientId];
            var (name, age) = patient.Describe(today);
            var escalation = escalations.GetValueOrDefault(r.Id);
            return new EscalationRow(
                r.Id, r.Priority, r.EstablishmentId, r.PatientId, name, age, patient.Ipp, r.WorstItemKey, r.WorstGrade,
                r.Worsened, r.RaisedAt, r.SlaDueAt, now > r.SlaDueAt, r.EscalatedAt, escalation?.StaffName, escalation?.Note);
        }).ToList();
        return new PagedResult<EscalationRow>(items, total, request.Page, request.PageSize);
    }
}

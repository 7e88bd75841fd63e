using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Escalations;

/// <summary>
/// Alerts escalated to an oncologist in the user's establishments: the escalations the nurse marked urgent first,
/// then by the alert's priority, and the one waiting longest first. An escalation is as the nurse last asked it.
/// </summary>
[RequireRole(StaffRole.Oncologist, StaffRole.Ipa)]
[Audited("escalation.inbox.read")]
public sealed record GetEscalationInboxQuery : IRequest<PagedResult<EscalationRow>>, IEstablishmentFilteredRequest
{
    public Guid? EstablishmentId { get; init; }

    /// <summary>Only the escalations addressed to the user by name, and those addressed to no one in particular.</summary>
    public bool AddressedToMe { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

/// <param name="EscalationNote">The nurse's question.</param>
/// <param name="Urgency">How soon the nurse needs the answer; routine for an escalation recorded without one.</param>
/// <param name="AddressedToId">The oncologist the nurse named; null when any oncologist may answer.</param>
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
    string? EscalationNote,
    EscalationUrgency Urgency,
    Guid? AddressedToId,
    string? AddressedToName,
    Guid Version)
{
    /// <summary>What the alert is shown for: its highest-priority finding and the count of the others.</summary>
    public AlertReason? Reason { get; init; }
}

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
    public async ValueTask<PagedResult<EscalationRow>> Handle(GetEscalationInboxQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Guid[] establishmentIds = request.EstablishmentId is { } one ? [one] : [.. user.EstablishmentIds];

        // The urgency and the oncologist named live in the escalation's details: the waiting escalations (a working
        // set, unlike the history of alerts) are ranked here rather than in SQL.
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var escalated = await db.Alerts.AsNoTracking()
            .Where(a => establishmentIds.Contains(a.EstablishmentId) && a.Status == AlertStatus.Escalated)
            .Select(a => new
            {
                a.Id,
                a.Priority,
                a.EstablishmentId,
                a.PatientId,
                a.WorstItemKey,
                a.WorstGrade,
                a.Worsened,
                a.RaisedAt,
                a.SlaDueAt,
                a.Version,
            })
            .ToListAsync(cancellationToken);
        var alertIds = escalated.Select(a => a.Id).ToArray();
        var escalations = (await db.TriageActions.AsNoTracking()
                .Where(t => alertIds.Contains(t.AlertId) && t.Kind == TriageActionKind.Escalation)
                .Select(t => new { t.AlertId, t.Id, t.At, t.StaffName, t.Note, t.Details })
                .ToListAsync(cancellationToken))
            .GroupBy(t => t.AlertId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.At).ThenBy(t => t.Id).Last());

        var ranked = escalated
            .Select(a =>
            {
                var escalation = escalations.GetValueOrDefault(a.Id);
                var details = TriageActionDetails.Read<EscalationDetails>(escalation?.Details);
                return (Alert: a, Escalation: escalation, Details: details, Urgency: details?.Urgency ?? EscalationUrgency.Routine);
            })
            .Where(x => !request.AddressedToMe || x.Details?.OncologistId is null || x.Details.OncologistId == user.StaffMemberId)
            .OrderBy(x => x.Urgency)
            .ThenBy(x => x.Alert.Priority)
            .ThenBy(x => x.Escalation?.At ?? x.Alert.RaisedAt)
            .ThenBy(x => x.Alert.Id)
            .ToList();
        var page = ranked.Skip(Paging.Skip(request.Page, request.PageSize)).Take(request.PageSize).ToList();

        var patients = await PatientLabels.ForAsync(db, page.Select(x => x.Alert.PatientId), cancellationToken);
        var reasons = await AlertReasons.ForAsync(db, page.Select(x => x.Alert.Id), cancellationToken);
        AuditDetails.Current?.Detail = AuditDetails.NamingPatients($"{ranked.Count} escalated alert(s), page {request.Page}.", page.Select(x => x.Alert.PatientId));

        var today = DateOnly.FromDateTime(now);
        var items = page.Select(x =>
        {
            var a = x.Alert;
            var patient = patients[a.PatientId];
            var (name, age) = patient.Describe(today);
            return new EscalationRow(
                a.Id, a.Priority, a.EstablishmentId, a.PatientId, name, age, patient.Ipp, a.WorstItemKey, a.WorstGrade, a.Worsened,
                a.RaisedAt, a.SlaDueAt, now > a.SlaDueAt, x.Escalation?.At, x.Escalation?.StaffName, x.Escalation?.Note, x.Urgency,
                x.Details?.OncologistId, x.Details?.OncologistName, a.Version)
            {
                Reason = reasons.GetValueOrDefault(a.Id),
            };
        }).ToList();
        return new PagedResult<EscalationRow>(items, ranked.Count, request.Page, request.PageSize);
    }
}

using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// The ADT journal, newest first, searchable by control id (MSH-10, exact or its start), IPP (exact) and day of
/// reception; <see cref="ErrorQueue"/> lists only the messages waiting in the error queue.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("adt.journal.search")]
public sealed record SearchAdtJournalQuery : IRequest<PagedResult<AdtJournalRow>>, IEstablishmentFilteredRequest
{
    public string? ControlId { get; init; }

    public string? Ipp { get; init; }

    /// <summary>First day of reception (UTC), inclusive.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day of reception (UTC), inclusive.</summary>
    public DateOnly? To { get; init; }

    public AdtMessageStatus? Status { get; init; }

    /// <summary>Only rejected and failed messages (the error queue).</summary>
    public bool ErrorQueue { get; init; }

    public Guid? EstablishmentId { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

public sealed record AdtJournalRow(
    Guid Id,
    DateTime ReceivedAt,
    DateTime ProcessedAt,
    string SendingApplication,
    string SendingFacility,
    string? ControlId,
    string MessageType,
    string TriggerEvent,
    AdtMessageStatus Status,
    string AckCode,
    string? Ipp,
    string? Summary,
    string? Error,
    int? ErrorCode,
    int Attempts);

public sealed class SearchAdtJournalQueryValidator : AbstractValidator<SearchAdtJournalQuery>
{
    public SearchAdtJournalQueryValidator()
    {
        RuleFor(q => q.ControlId).MaximumLength(64);
        RuleFor(q => q.Ipp).MaximumLength(64);
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("La date de fin précède la date de début. / The end date is before the start date.");
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

internal sealed class SearchAdtJournalQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user)
    : IRequestHandler<SearchAdtJournalQuery, PagedResult<AdtJournalRow>>
{
    public async ValueTask<PagedResult<AdtJournalRow>> Handle(SearchAdtJournalQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var rows = db.AdtMessages.AsNoTracking().VisibleTo(user, request.EstablishmentId);

        if (request.ControlId?.Trim() is { Length: > 0 } controlId)
        {
            rows = rows.Where(m => m.ControlId != null && m.ControlId.StartsWith(controlId));
        }

        if (request.Ipp?.Trim() is { Length: > 0 } ipp)
        {
            rows = rows.Where(m => m.Ipp == ipp);
        }

        if (request.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            rows = rows.Where(m => m.ReceivedAt >= start);
        }

        if (request.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            rows = rows.Where(m => m.ReceivedAt < end);
        }

        if (request.ErrorQueue)
        {
            rows = rows.Where(m => m.Status == AdtMessageStatus.Rejected || m.Status == AdtMessageStatus.Failed);
        }
        else if (request.Status is { } status)
        {
            rows = rows.Where(m => m.Status == status);
        }

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows
            .OrderByDescending(m => m.ReceivedAt)
            .ThenByDescending(m => m.Id)
            .Skip(Paging.Skip(request.Page, request.PageSize))
            .Take(request.PageSize)
            .Select(m => new AdtJournalRow(
                m.Id, m.ReceivedAt, m.ProcessedAt, m.SendingApplication, m.SendingFacility, m.ControlId, m.MessageType, m.TriggerEvent,
                m.Status, m.AckCode, m.Ipp, m.Summary, m.Error, m.ErrorCode, m.Attempts))
            .ToListAsync(cancellationToken);
        AuditDetails.Current?.Detail = $"Control id \"{request.ControlId}\", IPP \"{request.Ipp}\", {request.From}..{request.To}"
            + $"{(request.ErrorQueue ? ", error queue" : string.Empty)}: {total} message(s), page {request.Page}.";
        return new PagedResult<AdtJournalRow>(items, total, request.Page, request.PageSize);
    }
}

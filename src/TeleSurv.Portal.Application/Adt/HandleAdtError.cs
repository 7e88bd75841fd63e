using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// Applies again a message of the error queue once its cause is fixed (a missing establishment, the A08 switch, a
/// movement that arrived later…). Returns what became of it: applied, or still in the queue with the new reason.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("adt.message.reprocess")]
public sealed record ReprocessAdtMessageCommand(Guid MessageId) : IRequest<AdtReprocessResult>;

public sealed record AdtReprocessResult(AdtMessageStatus Status, AdtAckCode Code, string? Summary, string? Error);

/// <summary>Takes a message out of the error queue without applying it, with the reason (kept in the audit trail).</summary>
[RequireRole(StaffRole.Admin)]
[Audited("adt.message.dismiss")]
public sealed record DismissAdtMessageCommand(Guid MessageId, string Reason) : IRequest<bool>;

public sealed class ReprocessAdtMessageCommandValidator : AbstractValidator<ReprocessAdtMessageCommand>
{
    public ReprocessAdtMessageCommandValidator()
    {
        RuleFor(c => c.MessageId).NotEmpty();
    }
}

public sealed class DismissAdtMessageCommandValidator : AbstractValidator<DismissAdtMessageCommand>
{
    public DismissAdtMessageCommandValidator()
    {
        RuleFor(c => c.MessageId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
    }
}

internal sealed class ReprocessAdtMessageCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, AdtIngestion ingestion)
    : IRequestHandler<ReprocessAdtMessageCommand, AdtReprocessResult>
{
    public async ValueTask<AdtReprocessResult> Handle(ReprocessAdtMessageCommand request, CancellationToken cancellationToken)
    {
        var row = await ErrorQueueRows.FindAsync(dbContextFactory, user, request.MessageId, cancellationToken);
        await ingestion.ReprocessAsync(row, user.Name, cancellationToken);

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var after = await db.AdtMessages.AsNoTracking().FirstAsync(m => m.Id == row.Id, cancellationToken);
        AuditDetails.Current?.PatientId = after.PatientId;
        AuditDetails.Current?.Detail = $"{after.MessageType}^{after.TriggerEvent} {after.ControlId}: {after.Status} ({after.AckCode}).";
        return new AdtReprocessResult(after.Status, Enum.Parse<AdtAckCode>(after.AckCode), after.Summary, after.Error);
    }
}

internal sealed class DismissAdtMessageCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<DismissAdtMessageCommand, bool>
{
    public async ValueTask<bool> Handle(DismissAdtMessageCommand request, CancellationToken cancellationToken)
    {
        var found = await ErrorQueueRows.FindAsync(dbContextFactory, user, request.MessageId, cancellationToken);
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var row = await db.AdtMessages.FirstAsync(m => m.Id == found.Id, cancellationToken);
        row.Status = AdtMessageStatus.Dismissed;
        row.HandledBy = user.Name;
        row.ProcessedAt = timeProvider.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        AuditDetails.Current?.PatientId = row.PatientId;
        AuditDetails.Current?.Detail = $"{row.MessageType}^{row.TriggerEvent} {row.ControlId} dismissed: {request.Reason.Trim()}";
        return true;
    }
}

internal static class ErrorQueueRows
{
    /// <summary>The row, if the admin may see it and it is in the error queue; a message already applied cannot be replayed.</summary>
    public static async Task<AdtMessageJournal> FindAsync(IPortalDbContextFactory factory, ICurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var row = await db.AdtMessages.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new OutOfScopeException("AdtMessage", id);
        AuditDetails.Current?.SetTarget("AdtMessage", row.Id);
        AuditDetails.Current?.EstablishmentId = row.EstablishmentId;
        return row.IsInErrorQueue
            ? row
            : throw new ConflictException($"This message is {row.Status.ToString().ToLowerInvariant()}, not in the error queue: it cannot be reprocessed or dismissed.");
    }
}

using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Persistence;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>
/// Puts a message the EAI refused (AE, CE) back in the queue once the cause is fixed. It keeps its MSH-10, and the
/// patient's later messages, which waited behind it, follow it.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("oru.message.requeue")]
public sealed record RequeueOruMessageCommand(long Sequence) : IRequest<OruMessageState>;

public sealed class RequeueOruMessageCommandValidator : AbstractValidator<RequeueOruMessageCommand>
{
    public RequeueOruMessageCommandValidator() => RuleFor(c => c.Sequence).GreaterThan(0);
}

internal sealed class RequeueOruMessageCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<RequeueOruMessageCommand, OruMessageState>
{
    public async ValueTask<OruMessageState> Handle(RequeueOruMessageCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var message = await db.OruOutbox.FirstOrDefaultAsync(m => m.Sequence == request.Sequence, cancellationToken)
            ?? throw new NotFoundException($"ORU message {request.Sequence} was not found.");
        if (AuditDetails.Current is { } audit)
        {
            audit.TargetType = "OruMessage";
            audit.TargetId = message.ControlId;
            audit.PatientId = message.PatientId;
        }

        if (message.State != OruMessageState.Failed)
        {
            throw new ConflictException(
                ConflictKind.State,
                $"Seul un message refusé par l'EAI se remet en file ; celui-ci est {StateName(message.State)}. / "
                + $"Only a message the EAI refused can be requeued; this one is {message.State.ToString().ToLowerInvariant()}.");
        }

        var refusal = message.LastError;
        message.Requeue(timeProvider.GetUtcNow().UtcDateTime, user.Name);
        await db.SaveChangesOrConflictAsync("The message", cancellationToken);
        AuditDetails.Current?.Detail = $"Requeued after: {refusal}";
        return message.State;
    }

    private static string StateName(OruMessageState state) => state switch
    {
        OruMessageState.Pending => "en attente",
        OruMessageState.Sending => "en cours d'envoi",
        OruMessageState.Delivered => "délivré",
        _ => "refusé",
    };
}

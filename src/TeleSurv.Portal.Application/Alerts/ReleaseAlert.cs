using FluentValidation;
using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>The nurse who holds an alert hands it back to the queue: it is open again, held by no one.</summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa)]
[Audited("alert.release")]
public sealed record ReleaseAlertCommand(Guid AlertId, Guid Version) : IRequest<AlertActionResult>, IAlertCommand;

public sealed class ReleaseAlertCommandValidator : AbstractValidator<ReleaseAlertCommand>
{
    public ReleaseAlertCommandValidator() => AlertActs.AlertAndVersion(this);
}

internal sealed class ReleaseAlertCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<ReleaseAlertCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(ReleaseAlertCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);
        if (alert.Status != AlertStatus.InProgress || alert.ClaimedById != user.StaffMemberId)
        {
            throw AlertActs.State(
                "Seul le soignant qui a pris l'alerte en charge peut la libérer.",
                "Only the clinician who holds the alert can release it.");
        }

        var action = AlertActs.Record(db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.Release, note: null);
        alert.Status = AlertStatus.Open;
        alert.ClaimedById = null;
        alert.ClaimedAt = null;

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.Released, cancellationToken);
        return AlertActs.Result(alert, action);
    }
}

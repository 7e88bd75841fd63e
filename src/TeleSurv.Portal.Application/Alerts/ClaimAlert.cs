using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// A nurse takes an open alert in hand: it shows as theirs in every queue. An alert another nurse holds, one
/// waiting for the oncologist and a resolved one cannot be claimed.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa)]
[Audited("alert.claim")]
public sealed record ClaimAlertCommand(Guid AlertId, Guid Version) : IRequest<AlertActionResult>, IAlertCommand;

public sealed class ClaimAlertCommandValidator : AbstractValidator<ClaimAlertCommand>
{
    public ClaimAlertCommandValidator() => AlertActs.AlertAndVersion(this);
}

internal sealed class ClaimAlertCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<ClaimAlertCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(ClaimAlertCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);
        if (alert.Status == AlertStatus.Escalated)
        {
            throw AlertActs.State(
                "L'alerte attend la décision de l'oncologue.",
                "The alert is waiting for the oncologist's decision.");
        }

        if (alert.ClaimedById == user.StaffMemberId)
        {
            throw AlertActs.State("Vous avez déjà pris cette alerte en charge.", "You already hold this alert.");
        }

        if (alert.ClaimedById is { } holderId)
        {
            var holder = await db.StaffMembers.AsNoTracking()
                .Where(s => s.Id == holderId)
                .Select(s => s.DisplayName)
                .FirstOrDefaultAsync(cancellationToken) ?? "?";
            throw AlertActs.State(
                $"L'alerte est déjà prise en charge par {holder}.",
                $"The alert is already held by {holder}.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var action = AlertActs.Record(db, alert, user, now, TriageActionKind.Claim, note: null);
        alert.Status = AlertStatus.InProgress;
        alert.ClaimedById = user.StaffMemberId;
        alert.ClaimedAt = now;

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.Claimed, cancellationToken);
        return AlertActs.Result(alert, action);
    }
}

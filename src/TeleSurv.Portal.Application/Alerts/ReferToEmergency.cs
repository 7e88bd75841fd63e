using FluentValidation;
using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>The patient was sent to emergency services (the 15, the emergency department): why.</summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.emergency")]
public sealed record ReferToEmergencyCommand(Guid AlertId, Guid Version, string Reason, string? Note)
    : IRequest<AlertActionResult>, IAlertCommand;

public sealed class ReferToEmergencyCommandValidator : AbstractValidator<ReferToEmergencyCommand>
{
    public const int MaxReasonLength = 1000;

    public ReferToEmergencyCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(MaxReasonLength);
        RuleFor(c => c.Note).MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class ReferToEmergencyCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<ReferToEmergencyCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(ReferToEmergencyCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);

        var action = AlertActs.Record(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.EmergencyReferral, request.Note,
            new EmergencyReferralDetails(request.Reason.Trim()));

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.ActionRecorded, cancellationToken);
        return AlertActs.Result(alert, action);
    }
}

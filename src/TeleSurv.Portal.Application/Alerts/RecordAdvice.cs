using FluentValidation;
using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>Advice given to the patient (hydration, diet, when to call back…), as the clinician wrote it.</summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.advice")]
public sealed record RecordAdviceCommand(Guid AlertId, Guid Version, string Advice) : IRequest<AlertActionResult>, IAlertCommand;

public sealed class RecordAdviceCommandValidator : AbstractValidator<RecordAdviceCommand>
{
    public RecordAdviceCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.Advice).NotEmpty().MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class RecordAdviceCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<RecordAdviceCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(RecordAdviceCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);

        var action = AlertActs.Record(db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.Advice, request.Advice);

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.ActionRecorded, cancellationToken);
        return AlertActs.Result(alert, action);
    }
}

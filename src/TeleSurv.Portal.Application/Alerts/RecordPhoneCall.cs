using FluentValidation;
using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>A call to the patient about the alert: whether they were reached, and what was said.</summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.call")]
public sealed record RecordPhoneCallCommand(Guid AlertId, Guid Version, PhoneCallOutcome Outcome, string? Note) : IRequest<AlertActionResult>, IAlertCommand;

public sealed class RecordPhoneCallCommandValidator : AbstractValidator<RecordPhoneCallCommand>
{
    public RecordPhoneCallCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.Note).MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class RecordPhoneCallCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<RecordPhoneCallCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(RecordPhoneCallCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);

        var action = AlertActs.Record(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.PhoneCall, request.Note, new PhoneCallDetails(request.Outcome));

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.ActionRecorded, cancellationToken);
        AuditDetails.Current?.Detail = $"Phone call: {request.Outcome}.";
        return AlertActs.Result(alert, action);
    }
}

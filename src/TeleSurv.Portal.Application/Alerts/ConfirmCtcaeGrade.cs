using FluentValidation;
using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// The clinician's CTCAE grade (1-5, <see cref="CtcaeGrades"/>) for a symptom of the alert, after talking with the
/// patient. It stands beside the composite grade computed from the answers; the latest confirmation counts.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.grade.confirm")]
public sealed record ConfirmCtcaeGradeCommand(Guid AlertId, Guid Version, string ItemKey, int Grade, string? Note)
    : IRequest<AlertActionResult>, IAlertCommand;

public sealed class ConfirmCtcaeGradeCommandValidator : AbstractValidator<ConfirmCtcaeGradeCommand>
{
    public ConfirmCtcaeGradeCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.ItemKey).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Grade).InclusiveBetween(CtcaeGrades.MinGrade, CtcaeGrades.MaxGrade);
        RuleFor(c => c.Note).MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class ConfirmCtcaeGradeCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<ConfirmCtcaeGradeCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(ConfirmCtcaeGradeCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);
        var finding = alert.Findings.FirstOrDefault(f => f.ItemKey == request.ItemKey)
            ?? throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                [nameof(request.ItemKey)] =
                [
                    "Ce symptôme ne fait pas partie des constats de l'alerte. / This symptom is not one of the alert's findings.",
                ],
            });

        var action = AlertActs.Record(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.GradeConfirmed, request.Note,
            new GradeConfirmationDetails(request.ItemKey, request.Grade, finding.Grade));

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.ActionRecorded, cancellationToken);
        AuditDetails.Current?.Detail = $"CTCAE grade {request.Grade} confirmed for {request.ItemKey}.";
        return AlertActs.Result(alert, action);
    }
}

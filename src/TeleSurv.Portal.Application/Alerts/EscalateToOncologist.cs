using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// The nurse asks the oncologist a question about the alert, saying how urgent the answer is and, if they wish,
/// which oncologist of the establishment should answer. The alert waits in the oncologists' inbox until decided.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa)]
[Audited("alert.escalate")]
public sealed record EscalateToOncologistCommand(Guid AlertId, Guid Version, string Question, EscalationUrgency Urgency, Guid? OncologistId = null)
    : IRequest<AlertActionResult>, IAlertCommand;

public sealed class EscalateToOncologistCommandValidator : AbstractValidator<EscalateToOncologistCommand>
{
    public EscalateToOncologistCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.Question).NotEmpty().MaximumLength(AlertActs.MaxNoteLength);
        RuleFor(c => c.Urgency).IsInEnum();
        RuleFor(c => c.OncologistId).NotEqual(Guid.Empty);
    }
}

internal sealed class EscalateToOncologistCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<EscalateToOncologistCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(EscalateToOncologistCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);
        if (alert.Status == AlertStatus.Escalated)
        {
            throw AlertActs.State(
                "L'alerte attend déjà la décision de l'oncologue.",
                "The alert is already waiting for the oncologist's decision.");
        }

        string? oncologistName = null;
        if (request.OncologistId is { } oncologistId)
        {
            oncologistName = await db.StaffMembers.AsNoTracking()
                .Where(s => s.Id == oncologistId && s.Role == StaffRole.Oncologist && s.IsActive
                    && s.Establishments.Any(e => e.EstablishmentId == alert.EstablishmentId))
                .Select(s => s.DisplayName)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new ValidationFailedException(new Dictionary<string, string[]>
                {
                    [nameof(request.OncologistId)] =
                    [
                        "Choisir un oncologue de l'établissement de l'alerte. / Choose an oncologist of the alert's establishment.",
                    ],
                });
        }

        var question = request.Question.Trim();
        var action = AlertActs.Record(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.Escalation, question,
            new EscalationDetails(question, request.Urgency, request.OncologistId, oncologistName));
        alert.Status = AlertStatus.Escalated;

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.Escalated, cancellationToken);
        AuditDetails.Current?.Detail = $"Escalated ({request.Urgency}).";
        return AlertActs.Result(alert, action);
    }
}

using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// The oncologist's answer to an escalation, with a note. Either the alert goes back to the nurse team (to the
/// nurse who holds it, or to the queue), or the oncologist closes it with an outcome, which writes its report.
/// </summary>
[RequireRole(StaffRole.Oncologist)]
[Audited("alert.decide")]
public sealed record RecordOncologistDecisionCommand(
    Guid AlertId, Guid Version, OncologistDecisionKind Decision, string Note, bool ResolveAlert = false, string? Outcome = null)
    : IRequest<AlertActionResult>, IAlertCommand;

public sealed class RecordOncologistDecisionCommandValidator : AbstractValidator<RecordOncologistDecisionCommand>
{
    public RecordOncologistDecisionCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.Decision).IsInEnum();
        RuleFor(c => c.Note).NotEmpty().MaximumLength(AlertActs.MaxNoteLength);
        RuleFor(c => c.Outcome).NotEmpty().When(c => c.ResolveAlert)
            .WithMessage("Indiquer la conclusion pour clôturer l'alerte. / Give the outcome to resolve the alert.");
        RuleFor(c => c.Outcome).Empty().When(c => !c.ResolveAlert)
            .WithMessage("Une conclusion n'est donnée qu'en clôturant l'alerte. / An outcome is given only when resolving the alert.");
        RuleFor(c => c.Outcome).MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class RecordOncologistDecisionCommandHandler(
    IPortalDbContextFactory dbContextFactory,
    ICurrentUser user,
    TimeProvider timeProvider,
    IAlertNotifier notifier,
    IOptions<ScheduleOptions> scheduleOptions,
    ReportOutbox reportOutbox)
    : IRequestHandler<RecordOncologistDecisionCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(RecordOncologistDecisionCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);
        if (alert.Status != AlertStatus.Escalated)
        {
            throw AlertActs.State(
                "Aucune question n'attend de décision sur cette alerte.",
                "No escalation of this alert is waiting for a decision.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var decision = AlertActs.Record(
            db, alert, user, now, TriageActionKind.OncologistDecision, request.Note,
            new OncologistDecisionDetails(request.Decision, request.ResolveAlert));

        if (!request.ResolveAlert)
        {
            alert.Status = alert.ClaimedById is null ? AlertStatus.Open : AlertStatus.InProgress;
            await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.Decided, cancellationToken);
            AuditDetails.Current?.Detail = $"Decision: {request.Decision}; back to the nurse team.";
            return AlertActs.Result(alert, decision);
        }

        var resolution = await AlertResolution.ResolveAsync(
            db, alert, user, now, request.Outcome!, [decision], scheduleOptions.Value.ResolveTimeZone(), cancellationToken);
        reportOutbox.Add(db, resolution.Report);
        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.Resolved, cancellationToken);
        AuditDetails.Current?.Detail = $"Decision: {request.Decision}; resolved, report version {resolution.Report.VersionNumber} written.";
        return AlertActs.Result(alert, resolution.Action, resolution.Report.VersionNumber);
    }
}

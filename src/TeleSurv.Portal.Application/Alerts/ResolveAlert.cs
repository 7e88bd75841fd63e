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
/// Closes the alert with its outcome and writes the report of the act in the same transaction. An alert waiting
/// for the oncologist is closed by an oncologist only.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.resolve")]
public sealed record ResolveAlertCommand(Guid AlertId, Guid Version, string Outcome) : IRequest<AlertActionResult>, IAlertCommand;

public sealed class ResolveAlertCommandValidator : AbstractValidator<ResolveAlertCommand>
{
    public ResolveAlertCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.Outcome).NotEmpty().MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class ResolveAlertCommandHandler(
    IPortalDbContextFactory dbContextFactory,
    ICurrentUser user,
    TimeProvider timeProvider,
    IAlertNotifier notifier,
    IOptions<ScheduleOptions> scheduleOptions,
    ReportOutbox reportOutbox)
    : IRequestHandler<ResolveAlertCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(ResolveAlertCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);
        if (alert.Status == AlertStatus.Escalated && user.Role != StaffRole.Oncologist)
        {
            throw AlertActs.State(
                "L'alerte attend la décision de l'oncologue : elle sera clôturée par lui ou après sa réponse.",
                "The alert is waiting for the oncologist's decision: the oncologist closes it, or it comes back after the answer.");
        }

        var resolution = await AlertResolution.ResolveAsync(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, request.Outcome, [], scheduleOptions.Value.ResolveTimeZone(),
            cancellationToken);
        reportOutbox.Add(db, resolution.Report);
        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.Resolved, cancellationToken);
        AuditDetails.Current?.Detail = $"Resolved; report version {resolution.Report.VersionNumber} written.";
        return AlertActs.Result(alert, resolution.Action, resolution.Report.VersionNumber);
    }
}

/// <summary>Resolution shared by the nurse's and the oncologist's ways of closing an alert.</summary>
internal static class AlertResolution
{
    /// <param name="unsaved">Actions of the same unit of work recorded before the resolution.</param>
    public static async Task<(TriageAction Action, AlertReport Report)> ResolveAsync(
        IPortalDbContext db,
        Alert alert,
        ICurrentUser user,
        DateTime at,
        string outcome,
        IReadOnlyList<TriageAction> unsaved,
        TimeZoneInfo timeZone,
        CancellationToken cancellationToken)
    {
        var version = await AlertReporting.NextVersionAsync(db, alert.Id, cancellationToken);
        var text = outcome.Trim();
        var action = AlertActs.Record(db, alert, user, at, TriageActionKind.Resolution, text, new ResolutionDetails(text, version));
        alert.Status = AlertStatus.Resolved;
        alert.ResolvedAt = at;
        var report = await AlertReporting.AddAsync(db, alert, action, version, [.. unsaved, action], timeZone, cancellationToken);
        return (action, report);
    }
}

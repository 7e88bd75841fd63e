using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
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
/// Something to add to a resolved alert (a call back, a fact learnt afterwards, an error to put right): recorded as
/// an action, and written as a new version of the report that corrects the previous one. The only act a resolved
/// alert accepts.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.report.correct")]
public sealed record CorrectAlertReportCommand(Guid AlertId, Guid Version, string Correction) : IRequest<AlertActionResult>, IAlertCommand;

public sealed class CorrectAlertReportCommandValidator : AbstractValidator<CorrectAlertReportCommand>
{
    public CorrectAlertReportCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.Correction).NotEmpty().MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class CorrectAlertReportCommandHandler(
    IPortalDbContextFactory dbContextFactory,
    ICurrentUser user,
    TimeProvider timeProvider,
    IAlertNotifier notifier,
    IOptions<ScheduleOptions> scheduleOptions,
    ReportOutbox reportOutbox)
    : IRequestHandler<CorrectAlertReportCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(CorrectAlertReportCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        if (alert.Status != AlertStatus.Resolved)
        {
            throw AlertActs.State(
                "Seul le compte rendu d'une alerte clôturée se corrige ; ajoutez plutôt une action.",
                "Only the report of a resolved alert can be corrected; record an action instead.");
        }

        if (await db.AlertReports.Where(r => r.AlertId == alert.Id).OrderByDescending(r => r.VersionNumber)
            .Select(r => r.WithdrawalReason != null).FirstOrDefaultAsync(cancellationToken))
        {
            throw AlertActs.State(
                "Ce compte rendu a été retiré : il ne se corrige plus.",
                "This report was withdrawn: it can no longer be corrected.");
        }

        var version = await AlertReporting.NextVersionAsync(db, alert.Id, cancellationToken);
        var action = AlertActs.Record(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.Correction, request.Correction,
            new CorrectionDetails(version));
        var report = await AlertReporting.AddAsync(db, alert, action, version, [action], scheduleOptions.Value.ResolveTimeZone(), cancellationToken);
        reportOutbox.Add(db, report);

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.ReportCorrected, cancellationToken);
        AuditDetails.Current?.Detail = $"Report version {version} written.";
        return AlertActs.Result(alert, action, version);
    }
}

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
/// Withdraws the report of a resolved alert (written for the wrong patient, or for an act that did not take place):
/// a last version says so and why, and the EAI is told to delete the report (ORU^R01 with ORC-1 CA, OBX-11 D).
/// The same professionals who may correct a report may withdraw it: the clinicians of the alert's establishment.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.report.withdraw")]
public sealed record WithdrawAlertReportCommand(Guid AlertId, Guid Version, string Reason) : IRequest<AlertActionResult>, IAlertCommand;

public sealed class WithdrawAlertReportCommandValidator : AbstractValidator<WithdrawAlertReportCommand>
{
    public WithdrawAlertReportCommandValidator()
    {
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class WithdrawAlertReportCommandHandler(
    IPortalDbContextFactory dbContextFactory,
    ICurrentUser user,
    TimeProvider timeProvider,
    IAlertNotifier notifier,
    IOptions<ScheduleOptions> scheduleOptions,
    ReportOutbox reportOutbox)
    : IRequestHandler<WithdrawAlertReportCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(WithdrawAlertReportCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        if (alert.Status != AlertStatus.Resolved)
        {
            throw AlertActs.State(
                "Seul le compte rendu d'une alerte clôturée peut être retiré.",
                "Only the report of a resolved alert can be withdrawn.");
        }

        var current = await db.AlertReports.AsNoTracking()
            .Where(r => r.AlertId == alert.Id)
            .OrderByDescending(r => r.VersionNumber)
            .FirstOrDefaultAsync(cancellationToken);
        if (current is null || current.IsWithdrawal)
        {
            throw AlertActs.State(
                "Ce compte rendu est déjà retiré.",
                "This report is already withdrawn.");
        }

        var version = current.VersionNumber + 1;
        var action = AlertActs.Record(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.Withdrawal, request.Reason,
            new WithdrawalDetails(current.VersionNumber, version));
        var report = await AlertReporting.AddAsync(db, alert, action, version, [action], scheduleOptions.Value.ResolveTimeZone(), cancellationToken);
        reportOutbox.AddWithdrawal(db, report, report.CreatedAt);

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.ReportWithdrawn, cancellationToken);
        AuditDetails.Current?.Detail = $"Report version {current.VersionNumber} withdrawn by version {version}.";
        return AlertActs.Result(alert, action, version);
    }
}

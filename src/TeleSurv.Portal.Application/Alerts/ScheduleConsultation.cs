using FluentValidation;
using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>A consultation booked for the patient because of the alert: when (UTC), and with whom.</summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.consultation")]
public sealed record ScheduleConsultationCommand(Guid AlertId, Guid Version, DateTime ScheduledAt, string With, string? Note)
    : IRequest<AlertActionResult>, IAlertCommand;

public sealed class ScheduleConsultationCommandValidator : AbstractValidator<ScheduleConsultationCommand>
{
    public const int MaxWithLength = 200;

    /// <summary>How far ahead a consultation may be booked from an alert.</summary>
    public static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(366);

    public ScheduleConsultationCommandValidator(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        AlertActs.AlertAndVersion(this);
        RuleFor(c => c.ScheduledAt)
            .Must(at => at.Kind != DateTimeKind.Local)
            .WithMessage("L'heure doit être donnée en UTC. / The time must be given in UTC.")
            .Must(at => at > timeProvider.GetUtcNow().UtcDateTime)
            .WithMessage("La consultation doit être à venir. / The consultation must be in the future.")
            .Must(at => at <= timeProvider.GetUtcNow().UtcDateTime + MaxLeadTime)
            .WithMessage("La consultation doit avoir lieu dans l'année. / The consultation must be within a year.");
        RuleFor(c => c.With).NotEmpty().MaximumLength(MaxWithLength);
        RuleFor(c => c.Note).MaximumLength(AlertActs.MaxNoteLength);
    }
}

internal sealed class ScheduleConsultationCommandHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IAlertNotifier notifier)
    : IRequestHandler<ScheduleConsultationCommand, AlertActionResult>
{
    public async ValueTask<AlertActionResult> Handle(ScheduleConsultationCommand request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await AlertActs.LoadAsync(db, request, cancellationToken);
        AlertActs.RequireUnresolved(alert);

        var scheduledAt = DateTime.SpecifyKind(request.ScheduledAt, DateTimeKind.Utc);
        var action = AlertActs.Record(
            db, alert, user, timeProvider.GetUtcNow().UtcDateTime, TriageActionKind.ConsultationScheduled, request.Note,
            new ConsultationDetails(scheduledAt, request.With.Trim()));

        await AlertActs.CommitAsync(db, notifier, alert, AlertChangeKind.ActionRecorded, cancellationToken);
        return AlertActs.Result(alert, action);
    }
}

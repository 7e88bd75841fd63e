using FluentValidation;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Persistence;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// What every triage command returns: the alert's state after the act, and the <see cref="Version"/> to send with
/// the next command.
/// </summary>
/// <param name="ActionId">The action recorded (the last one when a command records two).</param>
/// <param name="ReportVersion">The report version the command wrote, if it wrote one.</param>
public sealed record AlertActionResult(Guid AlertId, Guid Version, AlertStatus Status, Guid ActionId, int? ReportVersion);

/// <summary>A triage command: the alert (scoped to the user's establishments), and the version of it the user saw.</summary>
public interface IAlertCommand : IAlertScopedRequest
{
    /// <summary>The alert's <see cref="Alert.Version"/> as the user saw it: if it changed since, the act is refused.</summary>
    Guid Version { get; }
}

/// <summary>The steps every triage command shares: load with the version seen, record the act, commit, tell the queues.</summary>
internal static class AlertActs
{
    /// <summary>Free text the clinician writes: the size of <see cref="TriageAction.Note"/>.</summary>
    public const int MaxNoteLength = 4000;

    /// <summary>How the alert is named in a concurrency conflict.</summary>
    private const string Subject = "The alert";

    /// <summary>The alert, tracked for change, as long as it is still at the version the user saw.</summary>
    /// <exception cref="ConflictException">Someone changed the alert since the user saw it (kind Concurrency).</exception>
    public static async Task<Alert> LoadAsync(IPortalDbContext db, IAlertCommand command, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == command.AlertId, cancellationToken)
            ?? throw new NotFoundException("Alert", command.AlertId);
        return alert.Version == command.Version ? alert : throw ConflictException.Concurrency(Subject);
    }

    /// <exception cref="ConflictException">The alert is resolved (kind State).</exception>
    public static void RequireUnresolved(Alert alert)
    {
        if (alert.Status == AlertStatus.Resolved)
        {
            throw State(
                "L'alerte est clôturée : ajoutez un complément au compte rendu.",
                "The alert is resolved: add a correction to its report instead.");
        }
    }

    /// <summary>
    /// Adds the action, by the current user at <paramref name="at"/>, and renews the alert's version. The first act
    /// for the patient sets <see cref="Alert.FirstActionAt"/>: claiming or releasing an alert is not one.
    /// </summary>
    public static TriageAction Record(
        IPortalDbContext db, Alert alert, ICurrentUser user, DateTime at, TriageActionKind kind, string? note, object? details = null)
    {
        var action = new TriageAction
        {
            AlertId = alert.Id,
            PatientId = alert.PatientId,
            Kind = kind,
            At = at,

            // The authorization behaviour lets no request through without a staff id and a role.
            StaffMemberId = user.StaffMemberId ?? throw new InvalidOperationException("A triage action needs a member of staff."),
            StaffName = user.Name,
            StaffRole = user.Role ?? throw new InvalidOperationException("A triage action needs a role."),
            Note = Clean(note),
            Details = details is null ? null : TriageActionDetails.Serialize(details),
        };
        db.TriageActions.Add(action);
        if (kind is not TriageActionKind.Claim and not TriageActionKind.Release)
        {
            alert.FirstActionAt ??= at;
        }

        alert.Version = Guid.NewGuid();
        return action;
    }

    /// <summary>Saves in one transaction, then tells the alert's establishment; a refused save tells no one.</summary>
    /// <exception cref="ConflictException">Someone saved the alert between the load and this save (kind Concurrency).</exception>
    public static async Task CommitAsync(
        IPortalDbContext db, IAlertNotifier notifier, Alert alert, AlertChangeKind change, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesOrConflictAsync(Subject, cancellationToken);
        }
        catch (Exception exception) when (change == AlertChangeKind.Resolved
            && exception is ConflictException { Kind: ConflictKind.Concurrency } or DbUpdateException)
        {
            // Two resolutions at once: the loser is refused by the alert's version or by the unique report version,
            // whichever the database checks first. Either way, say what happened rather than report an error.
            if (await db.Alerts.AsNoTracking().AnyAsync(a => a.Id == alert.Id && a.Status == AlertStatus.Resolved, cancellationToken))
            {
                throw new ConflictException(
                    ConflictKind.State,
                    "Un collègue a clôturé cette alerte avant vous. / A colleague resolved this alert first.",
                    exception);
            }

            throw;
        }

        notifier.Publish(new AlertChanged(alert.Id, alert.EstablishmentId, change));
    }

    public static AlertActionResult Result(Alert alert, TriageAction action, int? reportVersion = null) =>
        new(alert.Id, alert.Version, alert.Status, action.Id, reportVersion);

    /// <summary>A state conflict whose message the user reads: French first, English second.</summary>
    public static ConflictException State(string french, string english) => new(ConflictKind.State, $"{french} / {english}");

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The rules every triage command shares: which alert, which version.</summary>
    public static void AlertAndVersion<T>(AbstractValidator<T> validator)
        where T : IAlertCommand
    {
        validator.RuleFor(c => c.AlertId).NotEmpty();
        validator.RuleFor(c => c.Version).NotEmpty();
    }
}

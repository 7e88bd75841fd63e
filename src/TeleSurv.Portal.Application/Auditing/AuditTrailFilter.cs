using FluentValidation;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Application.Auditing;

/// <summary>
/// Which audit entries an auditor asks for; every criterion is optional and they add up. Dates are calendar days
/// in UTC, both included.
/// </summary>
public sealed record AuditTrailFilter
{
    /// <summary>Start of the actor's name (case-insensitive), e.g. "claire".</summary>
    public string? Actor { get; init; }

    /// <summary>Start of the action, e.g. "patient." for every patient action, or "denied.".</summary>
    public string? Action { get; init; }

    /// <summary>The patient the entries are about.</summary>
    public Guid? PatientId { get; init; }

    /// <summary>The target's id (an alert, an enrollment, a link...) exactly as written in the entry.</summary>
    public string? TargetId { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public AuditOutcome? Outcome { get; init; }
}

public sealed class AuditTrailFilterValidator : AbstractValidator<AuditTrailFilter>
{
    public AuditTrailFilterValidator()
    {
        RuleFor(f => f.Actor).MaximumLength(200);
        RuleFor(f => f.Action).MaximumLength(100);
        RuleFor(f => f.TargetId).MaximumLength(100);
        RuleFor(f => f.PatientId).NotEqual(Guid.Empty);
        RuleFor(f => f.Outcome).IsInEnum();
        RuleFor(f => f.To)
            .Must((f, to) => f.From is null || to is null || to >= f.From)
            .WithMessage("The end of the period cannot come before its start.");
    }
}

/// <summary>One line of the audit trail as the viewer shows it; the patient's name only when the viewer may see the patient.</summary>
public sealed record AuditEntryRow(
    long Sequence,
    DateTime At,
    string Actor,
    string? Role,
    Guid? StaffMemberId,
    Guid? EstablishmentId,
    string? EstablishmentCode,
    string Action,
    string? TargetType,
    string? TargetId,
    Guid? PatientId,
    string? PatientName,
    AuditOutcome Outcome,
    string? Detail);

internal static class AuditTrailQueries
{
    /// <summary>
    /// The entries an admin may read, filtered: what happened in their establishments, what the staff of their
    /// establishments did (wherever it was aimed: a denied attempt elsewhere included), and what was done by no
    /// member of staff with no establishment named (a link that was not recognised, a refused sign-in).
    /// </summary>
    public static IQueryable<AuditEntry> Visible(IPortalDbContext db, ICurrentUser user, AuditTrailFilter filter)
    {
        var ids = user.EstablishmentIds.ToArray();
        var entries = db.AuditEntries.AsNoTracking().Where(e =>
            (e.EstablishmentId != null && ids.Contains(e.EstablishmentId.Value))
            || (e.EstablishmentId == null && e.StaffMemberId == null)
            || db.StaffMembers.Any(s => s.Id == e.StaffMemberId && s.Establishments.Any(x => ids.Contains(x.EstablishmentId))));

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            entries = entries.Where(TextSearch.UpperStartsWith<AuditEntry>(e => e.Actor, filter.Actor.Trim().ToUpperInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            entries = entries.Where(e => e.Action.StartsWith(action));
        }

        if (filter.PatientId is { } patientId)
        {
            entries = entries.Where(e => e.PatientId == patientId);
        }

        if (!string.IsNullOrWhiteSpace(filter.TargetId))
        {
            var target = filter.TargetId.Trim();
            entries = entries.Where(e => e.TargetId == target);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At < end);
        }

        if (filter.Outcome is { } outcome)
        {
            entries = entries.Where(e => e.Outcome == outcome);
        }

        return entries;
    }

    /// <summary>Rows of a page of entries, with establishment codes and the names of the patients the admin may see.</summary>
    public static async Task<List<AuditEntryRow>> ToRowsAsync(
        IPortalDbContext db, ICurrentUser user, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var establishmentIds = entries.Select(e => e.EstablishmentId).OfType<Guid>().Distinct().ToArray();
        var codes = await db.Establishments.AsNoTracking()
            .Where(e => establishmentIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => e.Code, cancellationToken);

        var patientIds = entries.Select(e => e.PatientId).OfType<Guid>().Distinct().ToArray();
        var visible = await db.VisiblePatientsAsync(user, cancellationToken);
        var names = await PatientLabels.ForAsync(
            db, await visible.Where(p => patientIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken), cancellationToken);

        return entries.Select(e => new AuditEntryRow(
            e.Sequence, e.At, e.Actor, e.Role, e.StaffMemberId, e.EstablishmentId,
            e.EstablishmentId is { } establishment ? codes.GetValueOrDefault(establishment) : null,
            e.Action, e.TargetType, e.TargetId, e.PatientId,
            e.PatientId is { } patient && names.TryGetValue(patient, out var label) ? label.Describe(DateOnly.MinValue).DisplayName : null,
            e.Outcome, e.Detail)).ToList();
    }

    /// <summary>The filter in words, for the audit entry of the search itself.</summary>
    public static string Describe(AuditTrailFilter filter)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            parts.Add($"actor \"{filter.Actor.Trim()}\"");
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            parts.Add($"action \"{filter.Action.Trim()}\"");
        }

        if (filter.PatientId is { } patient)
        {
            parts.Add($"patient {patient}");
        }

        if (!string.IsNullOrWhiteSpace(filter.TargetId))
        {
            parts.Add($"target {filter.TargetId.Trim()}");
        }

        if (filter.From is not null || filter.To is not null)
        {
            parts.Add($"from {filter.From:yyyy-MM-dd} to {filter.To:yyyy-MM-dd}");
        }

        if (filter.Outcome is { } outcome)
        {
            parts.Add($"outcome {outcome}");
        }

        return parts.Count == 0 ? "No filter." : "Filter: " + string.Join(", ", parts) + ".";
    }
}

using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.ExpectedLevels;

/// <summary>
/// A clinician states that one symptom of one patient is expected up to a composite grade until a date (at most
/// 30 days ahead): severe and worsening findings at or below it do not alert meanwhile (alert-fatigue control).
/// Replaces the level in force for the same symptom, if any. Fever, the patient's urgency and missed weeks are
/// never suppressed.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("expected-level.set")]
public sealed record SetExpectedLevelCommand : IRequest<ExpectedLevelRow>, IPatientScopedRequest
{
    public required Guid PatientId { get; init; }

    public required Guid EnrollmentId { get; init; }

    /// <summary>A graded item of the questionnaire (e.g. "nausea").</summary>
    public required string ItemKey { get; init; }

    /// <summary>Highest composite grade (0-3) that does not alert.</summary>
    public required int MaxGrade { get; init; }

    /// <summary>End (UTC, exclusive), at most 30 days from now.</summary>
    public required DateTime Until { get; init; }

    /// <summary>Why the level is expected (e.g. "nausées attendues J1-J3 de la cure"), kept with the level.</summary>
    public required string Reason { get; init; }
}

public sealed class SetExpectedLevelCommandValidator : AbstractValidator<SetExpectedLevelCommand>
{
    public const int ReasonMaxLength = 500;

    public SetExpectedLevelCommandValidator(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        RuleFor(c => c.PatientId).NotEmpty();
        RuleFor(c => c.EnrollmentId).NotEmpty();
        RuleFor(c => c.ItemKey)
            .Must(key => QuestionnaireCatalog.Current.FindItem(key ?? "") is { IsPresenceItem: false })
            .WithMessage("Choose a graded symptom of the questionnaire.");
        RuleFor(c => c.MaxGrade).InclusiveBetween(0, ProCtcaeGrading.MaxGrade);
        RuleFor(c => c.Until)
            .Must(until => until.Kind != DateTimeKind.Local)
            .WithMessage("Give the end as a UTC time.")
            .Must(until => until > timeProvider.GetUtcNow().UtcDateTime)
            .WithMessage("The end must be in the future.")
            .Must(until => until <= timeProvider.GetUtcNow().UtcDateTime + ExpectedLevel.MaxDuration)
            .WithMessage($"An expected level lasts at most {ExpectedLevel.MaxDuration.TotalDays:0} days.");
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(ReasonMaxLength);
    }
}

internal sealed class SetExpectedLevelCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<SetExpectedLevelCommand, ExpectedLevelRow>
{
    public async ValueTask<ExpectedLevelRow> Handle(SetExpectedLevelCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var enrollment = await EnrollmentAccess.FindInScopeAsync(db, user, request.PatientId, request.EnrollmentId, cancellationToken);

        var replaced = await db.ExpectedLevels
            .Where(l => l.EnrollmentId == enrollment.Id && l.ItemKey == request.ItemKey && l.CancelledAt == null && l.Until > now)
            .ToListAsync(cancellationToken);
        foreach (var level in replaced)
        {
            level.CancelledAt = now;
        }

        var expected = new ExpectedLevel
        {
            EnrollmentId = enrollment.Id,
            ItemKey = request.ItemKey,
            MaxGrade = request.MaxGrade,
            From = now,
            Until = DateTime.SpecifyKind(request.Until, DateTimeKind.Utc),
            SetById = user.StaffMemberId!.Value,
            Reason = request.Reason.Trim(),
        };
        db.ExpectedLevels.Add(expected);
        await db.SaveChangesAsync(cancellationToken);

        var audit = AuditDetails.Current;
        audit?.SetTarget("ExpectedLevel", expected.Id);
        audit?.Detail = $"{expected.ItemKey} up to grade {expected.MaxGrade} until {expected.Until:O}; {replaced.Count} level(s) replaced.";
        return new ExpectedLevelRow(
            expected.Id, enrollment.Id, expected.ItemKey, expected.MaxGrade, expected.From, expected.Until, expected.Reason,
            expected.SetById, user.Name, null);
    }
}

using FluentValidation;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Persistence;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Domain.Enrollments;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>What pausing, resuming and ending a follow-up have in common: the same fields, checks and audit.</summary>
public interface IEnrollmentStatusChange
{
    Guid PatientId { get; }

    Guid EnrollmentId { get; }

    /// <summary>The version the admin saw: a change made since is refused rather than overwritten.</summary>
    Guid Version { get; }

    /// <summary>Why: kept with the follow-up and in the audit trail.</summary>
    string Reason { get; }
}

public sealed record EnrollmentStatusChanged(EnrollmentStatus Status, Guid Version);

public abstract class EnrollmentStatusChangeValidator<T> : AbstractValidator<T>
    where T : IEnrollmentStatusChange
{
    public const int MaxReasonLength = 500;

    protected EnrollmentStatusChangeValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty();
        RuleFor(c => c.EnrollmentId).NotEmpty();
        RuleFor(c => c.Version).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(MaxReasonLength)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why.");
    }
}

internal static class EnrollmentStatusChanges
{
    /// <param name="apply">Checks the change is allowed (throwing a <see cref="ConflictException"/> when not) and makes it.</param>
    public static async Task<EnrollmentStatusChanged> ApplyAsync(
        IPortalDbContextFactory dbContextFactory,
        ICurrentUser user,
        IEnrollmentStatusChange request,
        Action<Enrollment> apply,
        CancellationToken cancellationToken,
        Func<IPortalDbContext, Enrollment, Task>? alsoAsync = null)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var enrollment = await EnrollmentAccess.FindInScopeAsync(db, user, request.PatientId, request.EnrollmentId, cancellationToken);
        if (enrollment.Version != request.Version)
        {
            throw ConflictException.Concurrency("The follow-up");
        }

        var before = enrollment.Status;
        apply(enrollment);
        if (alsoAsync is not null)
        {
            await alsoAsync(db, enrollment);
        }

        await db.SaveChangesOrConflictAsync("The follow-up", cancellationToken);
        var audit = AuditDetails.Current;
        audit?.SetTarget("Enrollment", enrollment.Id);
        audit?.Detail = $"{before} -> {enrollment.Status}: {request.Reason.Trim()}";
        return new EnrollmentStatusChanged(enrollment.Status, enrollment.Version);
    }
}

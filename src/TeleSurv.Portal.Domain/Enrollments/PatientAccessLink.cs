namespace TeleSurv.Portal.Domain.Enrollments;

/// <summary>The patient's personal questionnaire link: only a hash of its token is stored.</summary>
public sealed class PatientAccessLink : Entity
{
    public Guid EnrollmentId { get; init; }

    /// <summary>SHA-256 of the token, hex encoded.</summary>
    public required string TokenHash { get; init; }

    public DateTime IssuedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? RevokedAt { get; set; }

    public Guid? IssuedById { get; init; }

    public bool IsActiveAt(DateTime now) => RevokedAt is null && now < ExpiresAt;
}

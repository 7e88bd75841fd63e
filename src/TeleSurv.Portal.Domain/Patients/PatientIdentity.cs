namespace TeleSurv.Portal.Domain.Patients;

/// <summary>
/// The identity traits of a patient as one source states them: typed in by an admin (provisional) or received
/// from the patient administration system (ADT).
/// </summary>
public sealed record PatientIdentity
{
    public required string Ipp { get; init; }

    public required string IppAuthority { get; init; }

    public string? Ins { get; init; }

    public string? InsOid { get; init; }

    public IdentityStatus IdentityStatus { get; init; }

    public required string BirthFamilyName { get; init; }

    public string? UsedFamilyName { get; init; }

    public required string FirstNames { get; init; }

    public string? UsedFirstName { get; init; }

    public DateOnly BirthDate { get; init; }

    public Sex Sex { get; init; }

    public string? BirthplaceCode { get; init; }
}

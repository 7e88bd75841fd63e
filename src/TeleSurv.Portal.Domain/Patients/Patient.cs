namespace TeleSurv.Portal.Domain.Patients;

/// <summary>A person followed at home; identity comes from the hospital's patient administration system.</summary>
public sealed class Patient : Entity
{
    /// <summary>IPP: identifiant permanent du patient, issued by <see cref="IppAuthority"/>.</summary>
    public required string Ipp { get; set; }

    /// <summary>Assigning authority of the IPP (namespace of PID-3.4).</summary>
    public required string IppAuthority { get; set; }

    /// <summary>INS matricule (NIR or NIA, 15 characters with its key), when known.</summary>
    public string? Ins { get; set; }

    /// <summary>OID of the INS assigning authority (see <see cref="InsOids"/>).</summary>
    public string? InsOid { get; set; }

    public IdentityStatus IdentityStatus { get; set; }

    /// <summary>Nom de naissance.</summary>
    public required string BirthFamilyName { get; set; }

    /// <summary>Nom utilisé, when different from the birth name.</summary>
    public string? UsedFamilyName { get; set; }

    /// <summary>Prénoms de naissance, space separated, as on the identity document.</summary>
    public required string FirstNames { get; set; }

    /// <summary>Prénom utilisé, when different from the first birth first name.</summary>
    public string? UsedFirstName { get; set; }

    public DateOnly BirthDate { get; set; }

    public Sex Sex { get; set; }

    /// <summary>INSEE code of the birthplace (one of the five INS traits).</summary>
    public string? BirthplaceCode { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? AddressLine { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public PatientSource Source { get; set; }

    /// <summary>Set when an A40 merge absorbed this identity into another patient.</summary>
    public Guid? MergedIntoPatientId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string DisplayFamilyName => UsedFamilyName ?? BirthFamilyName;

    public string DisplayFirstName => UsedFirstName ?? FirstNames.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? FirstNames;

    /// <summary>"NOM Prénom", the way French clinical screens show a patient.</summary>
    public string DisplayName => $"{DisplayFamilyName.ToUpperInvariant()} {DisplayFirstName}";

    public bool HasQualifiedIns => IdentityStatus == IdentityStatus.Qualified && Ins is not null;

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate > day.AddYears(-age) ? age - 1 : age;
    }
}

namespace TeleSurv.Portal.Domain.Patients;

/// <summary>A person followed at home; identity comes from the hospital's patient administration system.</summary>
public sealed class Patient : Entity
{
    /// <summary>IPP: identifiant permanent du patient, issued by <see cref="IppAuthority"/>.</summary>
    public required string Ipp { get; set; }

    /// <summary>Assigning authority of the IPP (namespace of PID-3.4).</summary>
    public required string IppAuthority { get; set; }

    /// <summary>
    /// The IPP's assigning authority (PID-3 CX-4) exactly as the hospital's last ADT message carrying one sent it, to
    /// be sent back in the ORU's PID-3 so that the EAI matches its own identifier: HD-1, HD-2 (an OID, or a FINESS),
    /// HD-3 (ISO, or M/N for a FINESS). Null for a patient no ADT message has described with an HD-2.
    /// </summary>
    public string? IppAuthorityNamespaceId { get; set; }

    /// <inheritdoc cref="IppAuthorityNamespaceId"/>
    public string? IppAuthorityUniversalId { get; set; }

    /// <inheritdoc cref="IppAuthorityNamespaceId"/>
    public string? IppAuthorityUniversalIdType { get; set; }

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

    /// <summary>
    /// A patient typed in by an admin before ADT has sent the identity: <see cref="PatientSource.Manual"/>, identity
    /// <see cref="IdentityStatus.Provisional"/> whatever was typed (only INSi and an identity document can raise it),
    /// to be reconciled when ADT brings the same IPP or INS (see <see cref="PatientReconciliation"/>).
    /// </summary>
    public static Patient CreateProvisional(PatientIdentity identity, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var patient = new Patient
        {
            Ipp = identity.Ipp,
            IppAuthority = identity.IppAuthority,
            BirthFamilyName = identity.BirthFamilyName,
            FirstNames = identity.FirstNames,
            Source = PatientSource.Manual,
            CreatedAt = now,
        };
        patient.TakeTraits(identity with { IdentityStatus = IdentityStatus.Provisional }, now);
        return patient;
    }

    /// <summary>
    /// Takes the identity ADT sends for this provisional record: ADT is the reference, so every trait, the IPP and
    /// the identity status are replaced, and the record is from then on an ADT one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule of <see cref="PatientReconciliation.Match"/> does not match them.</exception>
    public ReconciliationOutcome ReconcileWith(PatientIdentity adt, DateTime now)
    {
        var outcome = PatientReconciliation.Match(this, adt);
        if (outcome is not (ReconciliationOutcome.SameIpp or ReconciliationOutcome.SameIns))
        {
            throw new InvalidOperationException($"The ADT identity does not reconcile with this record ({outcome}).");
        }

        Ipp = adt.Ipp;
        IppAuthority = adt.IppAuthority;
        TakeTraits(adt, now);
        Source = PatientSource.Adt;
        return outcome;
    }

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate > day.AddYears(-age) ? age - 1 : age;
    }

    private void TakeTraits(PatientIdentity identity, DateTime now)
    {
        Ins = identity.Ins;
        InsOid = identity.Ins is null ? null : identity.InsOid;
        IdentityStatus = identity.IdentityStatus;
        BirthFamilyName = identity.BirthFamilyName;
        UsedFamilyName = identity.UsedFamilyName;
        FirstNames = identity.FirstNames;
        UsedFirstName = identity.UsedFirstName;
        BirthDate = identity.BirthDate;
        Sex = identity.Sex;
        BirthplaceCode = identity.BirthplaceCode;
        UpdatedAt = now;
    }
}

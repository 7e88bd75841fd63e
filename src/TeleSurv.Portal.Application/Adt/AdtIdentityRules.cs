using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// How PID becomes a portal patient under IHE PAM France: legal and used names from the PID-5 name types, the INS
/// only with a qualified identity (PID-32 = VALI), its deletion by <c>""</c>, and HL7's rule that an absent value
/// leaves the stored one unchanged.
/// </summary>
internal static class AdtIdentityRules
{
    /// <summary>PID-32 of a qualified identity: the only status with which an INS may be used and stored.</summary>
    public const string Qualified = "VALI";

    private const int MaxNameLength = 100;
    private const int MaxFirstNamesLength = 200;

    /// <summary>The patient's IPP in PID-3 (the first identifier of type PI with a value).</summary>
    public static AdtIdentifier? FindIpp(IEnumerable<AdtIdentifier> identifiers) =>
        identifiers.FirstOrDefault(i => i.IsIpp && !i.IsDeletion && !string.IsNullOrWhiteSpace(i.Value));

    /// <summary>Creates the patient PID describes; PID-5 (a name) and PID-7 are required for that.</summary>
    public static Patient Create(string ipp, string authority, AdtPatientIdentity identity, DateTime now, AdtChanges changes)
    {
        var legal = LegalName(identity)
            ?? throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, "PID-5 must give the patient's birth name to create the patient.", "PID^1^5"));
        if (!identity.BirthDate.IsValued)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, "PID-7 must give the birth date to create the patient.", "PID^1^7"));
        }

        var patient = new Patient
        {
            Ipp = ipp,
            IppAuthority = authority,
            BirthFamilyName = legal.Family,
            FirstNames = FirstNamesOf(legal),
            Source = PatientSource.Adt,
            IdentityStatus = IdentityStatus.Provisional,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(patient, identity, changes);
        return patient;
    }

    /// <summary>Applies every demographic PID carries; absent ones stay, <c>""</c> ones are deleted where that is allowed.</summary>
    public static void Apply(Patient patient, AdtPatientIdentity identity, AdtChanges changes)
    {
        ApplyNames(patient, identity, changes);

        switch (identity.BirthDate.State)
        {
            case AdtFieldState.Valued when patient.BirthDate != identity.BirthDate.Value:
                patient.BirthDate = identity.BirthDate.Value;
                changes.Changed("birth date");
                break;
            case AdtFieldState.Delete:
                changes.Warn(AdtIssue.Warning(AdtIssue.RequiredFieldMissing, "PID-7 cannot be deleted: the birth date is kept.", "PID^1^7"));
                break;
        }

        if (identity.Sex.State != AdtFieldState.Absent)
        {
            var sex = identity.Sex.IsValued ? identity.Sex.Value : Sex.Unknown;
            if (patient.Sex != sex)
            {
                patient.Sex = sex;
                changes.Changed("sex");
            }
        }

        if (identity.Address.State != AdtFieldState.Absent)
        {
            var address = identity.Address.Value;
            var line = Limit(address?.Line, 300, "PID^1^11");
            var postalCode = Limit(address?.PostalCode, 10, "PID^1^11");
            var city = Limit(address?.City, 100, "PID^1^11");
            if (patient.AddressLine != line || patient.PostalCode != postalCode || patient.City != city)
            {
                (patient.AddressLine, patient.PostalCode, patient.City) = (line, postalCode, city);
                changes.Changed("address");
            }
        }

        Set(identity.BirthplaceCode, 5, "PID^1^11", () => patient.BirthplaceCode, v => patient.BirthplaceCode = v, "birthplace", changes);
        Set(identity.Phone, 32, "PID^1^13", () => patient.Phone, v => patient.Phone = v, "phone", changes);
        Set(identity.Email, 254, "PID^1^13", () => patient.Email, v => patient.Email = v, "e-mail", changes);

        ApplyStatus(patient, identity, changes);
        ApplyIns(patient, identity, changes);
        NotQualifiedWithoutIns(patient, identity, changes);
    }

    /// <summary>
    /// VALI with no INS the portal could keep (an OID that is not NIR or NIA, a malformed value) is not a qualified
    /// identity: the identity was checked (validated) but its INS is not usable.
    /// </summary>
    private static void NotQualifiedWithoutIns(Patient patient, AdtPatientIdentity identity, AdtChanges changes)
    {
        if (patient.IdentityStatus == IdentityStatus.Qualified && patient.Ins is null && identity.IdentityReliability.IsValued)
        {
            patient.IdentityStatus = IdentityStatus.Validated;
            changes.Changed($"identity status {IdentityStatus.Validated}");
            changes.Warn(AdtIssue.Warning(AdtIssue.TableValueNotFound,
                "PID-32 is VALI but no usable INS came with it: the identity is kept as validated, not qualified.", "PID^1^32"));
        }
    }

    /// <summary>
    /// The INS of PID-3: stored only when PID-32 is VALI (otherwise the message is applied without it); an INS
    /// repetition sent as <c>""</c> deletes the patient's INS, NIR and NIA alike (PAM FR §4.4). A NIR is preferred
    /// to a NIA when both come.
    /// </summary>
    public static void ApplyIns(Patient patient, AdtPatientIdentity identity, AdtChanges changes)
    {
        var insIdentifiers = identity.Identifiers.Where(i => i.IsIns).ToList();
        if (insIdentifiers.Count == 0)
        {
            return;
        }

        if (insIdentifiers.Any(i => i.IsDeletion))
        {
            if (patient.Ins is not null)
            {
                (patient.Ins, patient.InsOid) = (null, null);
                changes.Changed("INS deleted");
            }

            return;
        }

        var candidates = insIdentifiers
            .Where(i => InsOids.IsKnown(i.AuthorityId))
            .OrderBy(i => i.AuthorityId == InsOids.Nia ? 1 : 0)
            .ToList();
        foreach (var unknown in insIdentifiers.Where(i => !InsOids.IsKnown(i.AuthorityId)))
        {
            changes.Warn(AdtIssue.Warning(AdtIssue.TableValueNotFound,
                $"An INS with assigning authority {unknown.AuthorityId ?? "(none)"} is not an INS OID (NIR, NIA, test or demonstration): ignored.", "PID^1^3"));
        }

        var ins = candidates.FirstOrDefault();
        if (ins is null)
        {
            return;
        }

        var status = identity.IdentityReliability.IsValued ? identity.IdentityReliability.Value : null;
        if (!string.Equals(status, Qualified, StringComparison.OrdinalIgnoreCase))
        {
            changes.Warn(AdtIssue.Warning(AdtIssue.TableValueNotFound,
                $"The INS is ignored: PID-32 is {status ?? "absent"}, and an INS is used only with a qualified identity (VALI).", "PID^1^32"));
            return;
        }

        var value = InsValue(ins);
        if (!IsWellFormedIns(value))
        {
            changes.Warn(AdtIssue.Warning(AdtIssue.DataTypeError, "The INS is ignored: it is not 15 characters (13 and a key of 2 digits).", "PID^1^3"));
            return;
        }

        if (!Nir.HasValidKey(value))
        {
            changes.Warn(AdtIssue.Warning(AdtIssue.DataTypeError,
                "The INS is ignored: its check key does not match its first 13 digits, so it is not a qualified INS; the identity is applied without it.", "PID^1^3"));
            return;
        }

        if (patient.Ins != value || patient.InsOid != ins.AuthorityId)
        {
            (patient.Ins, patient.InsOid) = (value, ins.AuthorityId);
            changes.Changed("INS");
        }
    }

    /// <summary>13 digits (the département may be 2A or 2B) and a 2-digit key, as an INS matricule is written.</summary>
    public static bool IsWellFormedIns(string value) =>
        value.Length == 15
        && value.Select((c, i) => char.IsAsciiDigit(c) || (i == 6 && c is 'A' or 'B' && value[5] == '2')).All(ok => ok);

    private static void ApplyNames(Patient patient, AdtPatientIdentity identity, AdtChanges changes)
    {
        if (identity.Names.IsDelete)
        {
            changes.Warn(AdtIssue.Warning(AdtIssue.RequiredFieldMissing, "PID-5 cannot be deleted: the names are kept.", "PID^1^5"));
            return;
        }

        var legal = LegalName(identity);
        if (legal is null)
        {
            return;
        }

        var firstNames = FirstNamesOf(legal);
        var used = identity.Names.Value!.FirstOrDefault(n => n.IsUsed && n != legal);
        var usedFamily = used is null || string.Equals(used.Family, legal.Family, StringComparison.Ordinal) ? null : Limit(used.Family, MaxNameLength, "PID^1^5");
        var firstFirstName = firstNames.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var usedFirst = used?.Given is { Length: > 0 } given && !string.Equals(given, firstFirstName, StringComparison.Ordinal)
            ? Limit(given, MaxNameLength, "PID^1^5")
            : null;

        if (patient.BirthFamilyName != legal.Family || patient.FirstNames != firstNames
            || patient.UsedFamilyName != usedFamily || patient.UsedFirstName != usedFirst)
        {
            patient.BirthFamilyName = legal.Family;
            patient.FirstNames = firstNames;
            patient.UsedFamilyName = usedFamily;
            patient.UsedFirstName = usedFirst;
            changes.Changed("names");
        }
    }

    private static AdtName? LegalName(AdtPatientIdentity identity)
    {
        if (!identity.Names.IsValued || identity.Names.Value is not { Count: > 0 } names)
        {
            return null;
        }

        var legal = names.FirstOrDefault(n => n.IsLegal && n.Family.Length > 0) ?? names.FirstOrDefault(n => n.Family.Length > 0);
        if (legal is null)
        {
            return null;
        }

        _ = Limit(legal.Family, MaxNameLength, "PID^1^5");
        return legal;
    }

    /// <summary>XPN-3 holds the birth first names in PAM France; without it, XPN-2.</summary>
    private static string FirstNamesOf(AdtName legal) =>
        Limit(string.IsNullOrWhiteSpace(legal.FurtherGiven) ? legal.Given ?? string.Empty : legal.FurtherGiven, MaxFirstNamesLength, "PID^1^5")!;

    /// <summary>PID-32: VALI makes the identity qualified, PROV (or VIDE) provisional; other codes are identity attributes and change nothing.</summary>
    public static void ApplyStatus(Patient patient, AdtPatientIdentity identity, AdtChanges changes)
    {
        if (identity.IdentityReliability.State == AdtFieldState.Absent)
        {
            return;
        }

        IdentityStatus? status = identity.IdentityReliability.Value?.ToUpperInvariant() switch
        {
            Qualified => IdentityStatus.Qualified,
            "PROV" or "VIDE" or null => IdentityStatus.Provisional,
            _ => null,
        };
        if (status is { } known && patient.IdentityStatus != known)
        {
            patient.IdentityStatus = known;
            changes.Changed($"identity status {known}");
        }
    }

    private static void Set(AdtField<string> field, int maxLength, string location, Func<string?> get, Action<string?> set, string what, AdtChanges changes)
    {
        if (field.State == AdtFieldState.Absent)
        {
            return;
        }

        var value = field.IsValued ? Limit(field.Value, maxLength, location) : null;
        if (get() != value)
        {
            set(value);
            changes.Changed(what);
        }
    }

    /// <summary>Identifiers and names are never cut short: a value longer than the portal keeps is refused.</summary>
    /// <summary>The value trimmed; null when it is absent or only blanks.</summary>
    /// <summary>
    /// Keeps the IPP's assigning authority as PID-3 sent it (CX-4: HD-1, HD-2, HD-3), for the ORU to send back. Only
    /// an authority with its universal id (HD-2) replaces the stored one: an IPP sent with a namespace alone leaves it
    /// as it is (HL7: an absent value changes nothing), unless <paramref name="otherDomain"/> says the IPP now belongs
    /// to another authority, whose HD the stored one is not.
    /// </summary>
    public static void ApplyAuthority(Patient patient, AdtIdentifier ipp, AdtChanges changes, bool otherDomain = false)
    {
        var universalId = Limit(Blank(ipp.AuthorityId), 128, "PID^1^3");
        if (universalId is null)
        {
            if (otherDomain && patient.IppAuthorityUniversalId is not null)
            {
                patient.IppAuthorityNamespaceId = patient.IppAuthorityUniversalId = patient.IppAuthorityUniversalIdType = null;
                changes.Changed("IPP assigning authority cleared");
            }

            return;
        }

        var namespaceId = Limit(Blank(ipp.AuthorityNamespace), 64, "PID^1^3");
        var type = Limit(Blank(ipp.AuthorityIdType)?.ToUpperInvariant(), 16, "PID^1^3");
        if (patient.IppAuthorityNamespaceId == namespaceId && patient.IppAuthorityUniversalId == universalId && patient.IppAuthorityUniversalIdType == type)
        {
            return;
        }

        patient.IppAuthorityNamespaceId = namespaceId;
        patient.IppAuthorityUniversalId = universalId;
        patient.IppAuthorityUniversalIdType = type;
        changes.Changed($"IPP assigning authority {namespaceId}&{universalId}&{type}");
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An INS as the portal stores and compares it: trimmed, in capitals (2A, 2B).</summary>
    internal static string InsValue(AdtIdentifier ins) => ins.Value!.Trim().ToUpperInvariant();

    internal static string? Limit(string? value, int maxLength, string location) =>
        value is null || value.Length <= maxLength
            ? value
            : throw new AdtContentException(AdtIssue.Error(AdtIssue.DataTypeError, $"A value of {location} is longer than {maxLength} characters.", location));
}

/// <summary>What applying one message changed, and the warnings it met, for the journal and the ACK's ERR segments.</summary>
internal sealed class AdtChanges
{
    private readonly List<string> _changes = [];

    public List<AdtIssue> Warnings { get; } = [];

    public IReadOnlyList<string> Items => _changes;

    public void Changed(string what) => _changes.Add(what);

    public void Warn(AdtIssue issue) => Warnings.Add(issue);

    public string Describe() => _changes.Count == 0 ? "no change" : string.Join(", ", _changes);
}

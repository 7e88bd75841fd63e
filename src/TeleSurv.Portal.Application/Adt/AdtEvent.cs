using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// What an ADT message (IHE PAM France) says, independent of its encoding: the patient's identity from PID, the
/// obsolete identity from MRG (A40, A47), and the movement from PV1 and ZBE (ITI-31).
/// </summary>
public sealed record AdtEvent
{
    /// <summary>The trigger event (MSH-9.2), e.g. A28, A01, Z99.</summary>
    public required string Trigger { get; init; }

    public required AdtPatientIdentity Patient { get; init; }

    /// <summary>MRG-1: the identifiers of the absorbed patient (A40) or the obsolete ones (A47); empty without MRG.</summary>
    public IReadOnlyList<AdtIdentifier> PriorIdentifiers { get; init; } = [];

    /// <summary>PV1 and ZBE; null when the message has no ZBE segment.</summary>
    public AdtMovementNotice? Movement { get; init; }
}

/// <summary>One CX repetition of PID-3 or MRG-1.</summary>
/// <param name="Value">CX-1; null when sent as <c>""</c> (the sender deletes that kind of identifier).</param>
/// <param name="Type">CX-5 identifier type code: PI (IPP), INS, NH, NDP, AN…</param>
/// <param name="AuthorityNamespace">CX-4.1, e.g. the establishment's code.</param>
/// <param name="AuthorityId">CX-4.2: an OID (the INS's), or a FINESS.</param>
/// <param name="AuthorityIdType">CX-4.3: the kind of <paramref name="AuthorityId"/>, ISO for an OID, M or N for a FINESS.</param>
public sealed record AdtIdentifier(string? Value, string Type, string? AuthorityNamespace = null, string? AuthorityId = null, string? AuthorityIdType = null)
{
    public const string PatientIdentifierType = "PI";

    public const string InsType = "INS";

    public bool IsDeletion => Value is null;

    public bool IsIpp => string.Equals(Type, PatientIdentifierType, StringComparison.OrdinalIgnoreCase);

    public bool IsIns => string.Equals(Type, InsType, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One XPN repetition of PID-5.</summary>
/// <param name="Family">XPN-1.1.</param>
/// <param name="Given">XPN-2: first first name (or the used first name).</param>
/// <param name="FurtherGiven">XPN-3: in PAM France, the list of birth first names, space separated.</param>
/// <param name="NameType">XPN-7: L legal (birth) name, D used name, S pseudonym…</param>
public sealed record AdtName(string Family, string? Given, string? FurtherGiven, string? NameType)
{
    public bool IsLegal => string.Equals(NameType, "L", StringComparison.OrdinalIgnoreCase);

    public bool IsUsed => string.Equals(NameType, "D", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The home address (PID-11), reduced to what the portal keeps.</summary>
public sealed record AdtAddress(string? Line, string? PostalCode, string? City);

/// <summary>The patient of PID, each demographic with HL7's three states.</summary>
public sealed record AdtPatientIdentity
{
    /// <summary>PID-3 repetitions.</summary>
    public IReadOnlyList<AdtIdentifier> Identifiers { get; init; } = [];

    /// <summary>PID-5 repetitions.</summary>
    public AdtField<IReadOnlyList<AdtName>> Names { get; init; }

    /// <summary>PID-7 (date part).</summary>
    public AdtField<DateOnly> BirthDate { get; init; }

    /// <summary>PID-8.</summary>
    public AdtField<Sex> Sex { get; init; }

    /// <summary>PID-11, the first repetition that is not the birthplace.</summary>
    public AdtField<AdtAddress> Address { get; init; }

    /// <summary>INSEE code of the birthplace: PID-11 repetition of type BDL, XAD-9.</summary>
    public AdtField<string> BirthplaceCode { get; init; }

    /// <summary>PID-13, the first telephone number.</summary>
    public AdtField<string> Phone { get; init; }

    /// <summary>PID-13, the first e-mail address.</summary>
    public AdtField<string> Email { get; init; }

    /// <summary>PID-32, first repetition: the identity's reliability status (PROV, VALI…).</summary>
    public AdtField<string> IdentityReliability { get; init; }
}

/// <summary>A unit of responsibility of ZBE-7/ZBE-8 (XON): its code (.10) and label (.1).</summary>
public sealed record AdtUnit(string? Code, string? Name);

/// <summary>The movement of an ITI-31 message: ZBE, with the visit's class and units from PV1.</summary>
public sealed record AdtMovementNotice
{
    /// <summary>ZBE-1.1; empty when missing (the event is then rejected).</summary>
    public required string MovementId { get; init; }

    /// <summary>ZBE-1.2 (empty when absent).</summary>
    public string MovementAuthority { get; init; } = string.Empty;

    /// <summary>ZBE-2, UTC; null when missing or unreadable.</summary>
    public DateTime? At { get; init; }

    /// <summary>ZBE-4; null when missing or not INSERT, UPDATE or CANCEL.</summary>
    public MovementAction? Action { get; init; }

    /// <summary>ZBE-4 as received, to explain a rejection.</summary>
    public string? ActionCode { get; init; }

    /// <summary>ZBE-5 = Y.</summary>
    public bool Historic { get; init; }

    /// <summary>ZBE-6: for UPDATE and CANCEL, the event that created the movement.</summary>
    public string? OriginalTrigger { get; init; }

    /// <summary>ZBE-9.</summary>
    public string? Nature { get; init; }

    public AdtUnit? MedicalUnit { get; init; }

    public AdtUnit? CareUnit { get; init; }

    /// <summary>PV1-2 as received.</summary>
    public string? PatientClassCode { get; init; }

    /// <summary>PV1-3.1.</summary>
    public string? LodgingUnit { get; init; }

    /// <summary>PV1-19.1.</summary>
    public string? VisitNumber { get; init; }
}

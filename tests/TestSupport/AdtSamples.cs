namespace TeleSurv.Portal.TestSupport;

/// <summary>One PID segment of a test message: defaults give a qualified identity with every demographic filled.</summary>
public sealed record PidSpec
{
    public required string Ipp { get; init; }

    /// <summary>CX-4 of the IPP: the establishment's code (HD-1), or any namespace.</summary>
    public required string Authority { get; init; }

    /// <summary>CX-4.2 of the IPP; null sends the namespace alone.</summary>
    public string? AuthorityId { get; init; } = "1.2.250.1.71.4.2.2";

    /// <summary>CX-4.3 of the IPP.</summary>
    public string AuthorityIdType { get; init; } = "ISO";

    /// <summary>Null: no INS repetition; "\"\"": the INS deletion of PAM FR §4.4.</summary>
    public string? Ins { get; init; } = "279035121518989";

    public string InsOid { get; init; } = "1.2.250.1.213.1.4.10";

    /// <summary>PID-32.</summary>
    public string Status { get; init; } = "VALI";

    /// <summary>PID-5 as sent; null leaves the field absent.</summary>
    public string? Names { get; init; } = "ROUSSEAU^HÉLÈNE^HÉLÈNE MARIE^^^^L~DURAND^HÉLÈNE^^^^^D";

    public string? BirthDate { get; init; } = "19790328";

    public string? Sex { get; init; } = "F";

    public string? Address { get; init; } = "12 rue de l'Église^Bât. B^Rivemont^^69001^FRA^H~^^Lyon^^^^BDL^^69123";

    public string? Telecom { get; init; } = "^PRN^PH^^^^^^^^^0478000000~^NET^Internet^helene.rousseau@example.fr";

    public string Segment()
    {
        var identifiers = $"{Ipp}^^^{Authority}{(AuthorityId is null ? string.Empty : $"&{AuthorityId}&{AuthorityIdType}")}^PI"
            + (Ins is null ? string.Empty : $"~{Ins}^^^ASIP-SANTE-INS-NIR&{InsOid}&ISO^INS");
        var fields = new string?[33];
        fields[1] = "1";
        fields[3] = identifiers;
        fields[5] = Names;
        fields[7] = BirthDate;
        fields[8] = Sex;
        fields[11] = Address;
        fields[13] = Telecom;
        fields[32] = Status;
        return "PID|" + string.Join('|', fields.Skip(1).Select(f => f ?? string.Empty)).TrimEnd('|');
    }
}

/// <summary>IHE PAM France messages for the tests, in ER7 with CR-ended segments.</summary>
public static class AdtSamples
{
    public const string SendingApplication = "GAM_TEST";
    public const string SendingFacility = "GHT-TEST";

    public static string Message(string trigger, string controlId, string structure, params string[] segments)
    {
        var msh = $"MSH|^~\\&|{SendingApplication}|{SendingFacility}|TELESURV|GHT-TEST|20260310120000||ADT^{trigger}^{structure}|{controlId}|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|FR||2.11^IHE_FRANCE-2.11-PAM";
        var evn = "EVN||20260310115955";
        return string.Concat(new[] { msh, evn }.Concat(segments).Select(s => s + "\r"));
    }

    public static string Identity(string trigger, string controlId, PidSpec pid) =>
        Message(trigger, controlId, "ADT_A05", pid.Segment(), "PV1|1|N");

    public static string Merge(string controlId, PidSpec survivor, string absorbedIpp, string authority) =>
        Message("A40", controlId, "ADT_A39", survivor.Segment(), $"MRG|{absorbedIpp}^^^{authority}&1.2.250.1.71.4.2.2&ISO^PI");

    /// <summary>An ITI-31 message: PV1 with the class and lodging unit, ZBE with the movement.</summary>
    public static string Movement(
        string trigger, string controlId, PidSpec pid, string movementId, string action, string? originalTrigger = null,
        string patientClass = "I", string at = "202603101030", string medicalUnit = "4012", string? careUnit = null) =>
        Message(trigger, controlId, "ADT_A01", pid.Segment(),
            $"PV1|1|{patientClass}|{medicalUnit}^^^{pid.Authority}&1.2.250.1.71.4.2.2&ISO||||||||ONC|||||||||V{movementId}^^^{pid.Authority}&1.2.250.1.71.4.2.2&ISO^VN",
            $"ZBE|{movementId}^GAM_TEST|{at}||{action}|N|{originalTrigger}|Oncologie médicale^^^^^{pid.Authority}&1.2.250.1.71.4.2.2&ISO^UF^^^{medicalUnit}|"
                + (careUnit is null ? string.Empty : $"Soins^^^^^{pid.Authority}&1.2.250.1.71.4.2.2&ISO^UF^^^{careUnit}") + "|HMS");
}

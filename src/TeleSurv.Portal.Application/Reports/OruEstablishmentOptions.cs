using System.Text.RegularExpressions;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>
/// The settings of one establishment's ORU messages (section <c>Oru:Establishments:&lt;code&gt;</c>): the assigning
/// authority PID-3 gives an IPP no ADT message has described with its own (a patient entered by hand).
/// </summary>
public sealed partial class OruEstablishmentOptions
{
    /// <summary>HD-1 of the IPP's assigning authority; empty: the IPP's authority as the portal knows it (the establishment's code).</summary>
    public string IppNamespaceId { get; set; } = "";

    /// <summary>HD-2: the OID of the establishment's IPP domain, sent with HD-3 <c>ISO</c>.</summary>
    public string IppOid { get; set; } = "";

    /// <summary>Every problem with the values; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(IppOid))
        {
            problems.Add($"{nameof(IppOid)} is required: the OID of the establishment's IPP domain.");
        }
        else if (IppOid.Length > 128 || !Oid().IsMatch(IppOid))
        {
            problems.Add($"{nameof(IppOid)} is \"{IppOid}\", which is not an OID (numbers separated by dots, such as 1.2.250.1.211.10.200.2; at most 128 characters).");
        }

        if (IppNamespaceId.Length > 64 || IppNamespaceId.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            problems.Add($"{nameof(IppNamespaceId)} must be one line of at most 64 characters.");
        }

        return problems;
    }

    [GeneratedRegex(@"^[0-2](\.(0|[1-9][0-9]*))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Oid();
}

namespace TeleSurv.Portal.Application.Reports;

/// <summary>
/// Outbound ORU^R01 reports to the EAI, bound from configuration (section "Oru", see docs/configuration.md).
/// Off by default: a portal without an EAI writes no messages.
/// </summary>
public sealed class OruOptions
{
    public const string SectionName = "Oru";

    public const string Utf8 = "UNICODE UTF-8";
    public const string Latin9 = "8859/15";

    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create("|~\\&\r\n");

    /// <summary>Whether reports are written to the outbox (and sent, when <see cref="SenderEnabled"/>).</summary>
    public bool Enabled { get; set; }

    /// <summary>Whether this instance runs the sender; with several instances, exactly one should.</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>Whether each scheduled week of an active enrollment is also sent as a summary once its answer window closes, with or without an alert.</summary>
    public bool WeeklySummary { get; set; }

    /// <summary>How often the weekly-summary job looks for weeks whose window has closed.</summary>
    public int WeeklySummaryIntervalMinutes { get; set; } = 15;

    /// <summary>How far back (from now) a closed window is still summarised: a portal started after a long stop does not send old weeks.</summary>
    public int WeeklySummaryLookbackDays { get; set; } = 14;

    /// <summary>MSH-3, as ER7 components (e.g. <c>TELESURV</c>).</summary>
    public string SendingApplication { get; set; } = "TELESURV";

    /// <summary>MSH-4, as ER7 components (e.g. <c>GHT-RIVEMONT^1.2.250.1.71.4.2.2^ISO</c>); empty: the establishment's FINESS.</summary>
    public string SendingFacility { get; set; } = "";

    /// <summary>MSH-5.</summary>
    public string ReceivingApplication { get; set; } = "EAI";

    /// <summary>MSH-6.</summary>
    public string ReceivingFacility { get; set; } = "";

    /// <summary>MSH-12: version, internationalisation code and profile version.</summary>
    public string VersionId { get; set; } = "2.5^FRA^2.11";

    /// <summary>MSH-11: P production, T training, D debugging.</summary>
    public string ProcessingId { get; set; } = "P";

    /// <summary>MSH-18: <c>UNICODE UTF-8</c> or <c>8859/15</c>.</summary>
    public string CharacterSet { get; set; } = Utf8;

    /// <summary>Coding system (CE-3) of the local symptom codes in OBX-3 (PRO-CTCAE has no LOINC code).</summary>
    public string LocalCodeSystem { get; set; } = "TELESURV-PROCTCAE";

    /// <summary>Per establishment, by its code (<c>Oru:Establishments:&lt;code&gt;</c>).</summary>
    public Dictionary<string, OruEstablishmentOptions> Establishments { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string EaiHost { get; set; } = "";

    public int EaiPort { get; set; } = 2575;

    public bool UseTls { get; set; }

    /// <summary>The name the EAI's certificate must carry; empty: <see cref="EaiHost"/>.</summary>
    public string TlsServerName { get; set; } = "";

    public int ConnectTimeoutSeconds { get; set; } = 10;

    public int AckTimeoutSeconds { get; set; } = 30;

    /// <summary>Wait before the second attempt; it doubles with each attempt up to <see cref="RetryMaxMilliseconds"/>, with jitter.</summary>
    public int RetryInitialMilliseconds { get; set; } = 5000;

    public int RetryMaxMilliseconds { get; set; } = 300_000;

    /// <summary>How often an idle sender looks for new messages.</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>The health check turns degraded when the oldest undelivered message is older than this.</summary>
    public int DegradedAfterMinutes { get; set; } = 15;

    public TimeSpan WeeklySummaryInterval => TimeSpan.FromMinutes(WeeklySummaryIntervalMinutes);

    public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(ConnectTimeoutSeconds);

    public TimeSpan AckTimeout => TimeSpan.FromSeconds(AckTimeoutSeconds);

    public TimeSpan RetryInitial => TimeSpan.FromMilliseconds(RetryInitialMilliseconds);

    public TimeSpan RetryMax => TimeSpan.FromMilliseconds(RetryMaxMilliseconds);

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMilliseconds);

    public TimeSpan DegradedAfter => TimeSpan.FromMinutes(DegradedAfterMinutes);

    /// <summary>Every problem with the values; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CharacterSet is not Utf8 and not Latin9)
        {
            problems.Add($"{nameof(CharacterSet)} must be \"{Utf8}\" or \"{Latin9}\".");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(SendingApplication), SendingApplication), (nameof(SendingFacility), SendingFacility),
            (nameof(ReceivingApplication), ReceivingApplication), (nameof(ReceivingFacility), ReceivingFacility),
            (nameof(VersionId), VersionId), (nameof(ProcessingId), ProcessingId), (nameof(LocalCodeSystem), LocalCodeSystem),
        })
        {
            if (value.AsSpan().IndexOfAny(Forbidden) >= 0)
            {
                problems.Add($"{name} cannot hold |, ~, \\, & or a line break (components are separated by ^).");
            }
        }

        if (string.IsNullOrWhiteSpace(SendingApplication))
        {
            problems.Add($"{nameof(SendingApplication)} is required.");
        }

        if (!VersionId.StartsWith("2.5", StringComparison.Ordinal))
        {
            problems.Add($"{nameof(VersionId)} must be a version 2.5 identifier, such as 2.5^FRA^2.11.");
        }

        if (ProcessingId is not "P" and not "T" and not "D")
        {
            problems.Add($"{nameof(ProcessingId)} must be P, T or D.");
        }

        if (Enabled && SenderEnabled && string.IsNullOrWhiteSpace(EaiHost))
        {
            problems.Add($"{nameof(EaiHost)} is required when the sender runs (Enabled and SenderEnabled).");
        }

        if (EaiPort is < 1 or > 65535)
        {
            problems.Add($"{nameof(EaiPort)} must be 1 to 65535.");
        }

        if (ConnectTimeoutSeconds is < 1 or > 300)
        {
            problems.Add($"{nameof(ConnectTimeoutSeconds)} must be 1 to 300.");
        }

        if (AckTimeoutSeconds is < 1 or > 600)
        {
            problems.Add($"{nameof(AckTimeoutSeconds)} must be 1 to 600.");
        }

        if (RetryInitialMilliseconds is < 10 or > 3_600_000)
        {
            problems.Add($"{nameof(RetryInitialMilliseconds)} must be 10 to 3600000.");
        }

        if (RetryMaxMilliseconds < RetryInitialMilliseconds || RetryMaxMilliseconds > 86_400_000)
        {
            problems.Add($"{nameof(RetryMaxMilliseconds)} must be at least {nameof(RetryInitialMilliseconds)} and at most 86400000.");
        }

        if (PollIntervalMilliseconds is < 10 or > 60000)
        {
            problems.Add($"{nameof(PollIntervalMilliseconds)} must be 10 to 60000.");
        }

        if (WeeklySummaryIntervalMinutes is < 1 or > 1440)
        {
            problems.Add($"{nameof(WeeklySummaryIntervalMinutes)} must be 1 to 1440.");
        }

        if (WeeklySummaryLookbackDays is < 1 or > 90)
        {
            problems.Add($"{nameof(WeeklySummaryLookbackDays)} must be 1 to 90.");
        }

        if (DegradedAfterMinutes is < 1 or > 10080)
        {
            problems.Add($"{nameof(DegradedAfterMinutes)} must be 1 to 10080.");
        }

        return problems;
    }
}

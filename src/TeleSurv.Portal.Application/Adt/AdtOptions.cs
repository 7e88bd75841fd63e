namespace TeleSurv.Portal.Application.Adt;

/// <summary>How inbound ADT is applied, bound from the <c>Adt</c> section.</summary>
public sealed class AdtOptions
{
    public const string SectionName = "Adt";

    /// <summary>
    /// The feed follows IHE PAM France: A08 is excluded there (identity updates come as A31) and is acknowledged
    /// and ignored. Set false for a feed that is not PAM France, to apply A08 as an identity update.
    /// </summary>
    public bool PamFrance { get; set; } = true;

    /// <summary>
    /// PAM France is HL7 v2.5: a message of an older version (2.3.1...) is refused with AR unless this is true, for a
    /// sender known to send older versions that the portal still reads correctly.
    /// </summary>
    public bool AcceptVersionsBefore25 { get; set; }

    /// <summary>
    /// Refused messages (AE, AR) of one sender (MSH-3, MSH-4) whose raw text the error queue keeps whole in one hour;
    /// beyond, each is still journaled and counted, with only its first <see cref="CutRawLength"/> characters, so that
    /// a sender of garbage cannot fill the database.
    /// </summary>
    public int ErrorQueueKeptPerSenderPerHour { get; set; } = 100;

    /// <summary>Days after which refused, failed and dismissed messages leave the journal (applied ones stay).</summary>
    public int ErrorQueueRetentionDays { get; set; } = 90;

    /// <summary>What is kept of a refused message beyond the sender's share.</summary>
    public const int CutRawLength = 1000;
}

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
}

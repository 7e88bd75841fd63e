namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>
/// How long a patient's questionnaire link lasts, bound from configuration (section "Clinical:PatientLinks").
/// Default 120 days; never beyond the end of the prescription's last questionnaire.
/// </summary>
public sealed class PatientLinkOptions
{
    public const string SectionName = "PatientLinks";

    /// <summary>Days (1-366) a newly issued link stays valid.</summary>
    public int LifetimeDays { get; set; } = 120;

    /// <summary>Every problem with the values; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate() =>
        LifetimeDays is < 1 or > 366 ? [$"{nameof(LifetimeDays)} must be 1 to 366."] : [];
}

namespace TeleSurv.Portal.Domain.Establishments;

/// <summary>A hospital of the GHT (groupement hospitalier de territoire), known by its FINESS number.</summary>
public sealed class Establishment : Entity
{
    /// <summary>FINESS géographique: nine characters.</summary>
    public required string Finess { get; set; }

    public required string Name { get; set; }

    /// <summary>Short code shown in lists and used as the IPP assigning-authority namespace (HD-1).</summary>
    public required string Code { get; set; }

    /// <summary>Name of the GHT the establishment belongs to.</summary>
    public required string GhtName { get; set; }

    /// <summary>
    /// The oncology unit's telephone number, as patients dial it: what the portal tells a patient to call at once
    /// when their answers raise an urgent alert, and shows on every patient page. Null until the establishment sets it.
    /// </summary>
    public string? UnitPhone { get; set; }

    /// <summary>Longest <see cref="UnitPhone"/> stored.</summary>
    public const int UnitPhoneMaxLength = 32;

    public static bool IsValidFiness(string? value) =>
        value is { Length: 9 } && value.All(c => char.IsAsciiDigit(c) || c is 'A' or 'B');
}

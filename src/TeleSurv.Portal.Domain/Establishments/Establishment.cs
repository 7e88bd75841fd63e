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

    public static bool IsValidFiness(string? value) =>
        value is { Length: 9 } && value.All(c => char.IsAsciiDigit(c) || c is 'A' or 'B');
}

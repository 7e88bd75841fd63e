namespace TeleSurv.Portal.Infrastructure.Oru;

/// <summary>
/// A professional's display name cut into the parts of an XCN: the directory keeps one display name, written the
/// French way, "Dr Sophie LEFÈVRE": an optional title, the given names, then the family name in capitals.
/// </summary>
/// <param name="Family">The family name: the trailing words in capitals, or else the last word.</param>
/// <param name="Given">The given names: the words between the title and the family name; null when there are none.</param>
/// <param name="Prefix">The title (<c>DR</c>, <c>PR</c>), upper case, without its dot; null when there is none.</param>
public sealed record ProfessionalName(string Family, string? Given, string? Prefix)
{
    private static readonly string[] Titles = ["DR", "PR", "DOCTEUR", "PROFESSEUR"];

    public static ProfessionalName Split(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var words = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        string? prefix = null;
        if (words.Count > 1 && Titles.Contains(words[0].TrimEnd('.').ToUpperInvariant(), StringComparer.Ordinal))
        {
            prefix = words[0].TrimEnd('.').ToUpperInvariant() switch
            {
                "DOCTEUR" => "DR",
                "PROFESSEUR" => "PR",
                var title => title,
            };
            words.RemoveAt(0);
        }

        if (words.Count == 0)
        {
            return new ProfessionalName(displayName.Trim(), null, prefix);
        }

        // The family name: the run of words in capitals at the end ("DE LA FONTAINE"), never all the words when
        // there are several, since a name written all in capitals still has a given name first.
        var familyStart = words.Count;
        while (familyStart > 1 && IsCapitals(words[familyStart - 1]))
        {
            familyStart--;
        }

        if (familyStart == words.Count)
        {
            familyStart = words.Count - 1;
        }

        var given = string.Join(' ', words.Take(familyStart));
        return new ProfessionalName(string.Join(' ', words.Skip(familyStart)), given.Length == 0 ? null : given, prefix);
    }

    private static bool IsCapitals(string word) => word.Any(char.IsLetter) && !word.Any(char.IsLower);
}

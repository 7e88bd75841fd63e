using System.Globalization;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>A text shown to patients, French first, English second.</summary>
public sealed record LocalizedText(string Fr, string En)
{
    /// <summary>The English text for an English culture, the French text otherwise.</summary>
    public string In(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" ? En : Fr;
    }
}

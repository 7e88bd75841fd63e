using System.Globalization;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Web.Components.PatientQuestionnaire;

public enum MeasurementError
{
    None,
    NotANumber,
    OutOfRange,
}

/// <summary>Reads what a patient typed: "38,5" and "38.5" alike; empty means not given.</summary>
public static class MeasurementParser
{
    public static (decimal? Value, MeasurementError Error) Parse(string? text, MeasurementQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, MeasurementError.None);
        }

        var normalised = text.Trim().Replace(',', '.');
        if (!decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return (null, MeasurementError.NotANumber);
        }

        return value < question.Min || value > question.Max ? (null, MeasurementError.OutOfRange) : (value, MeasurementError.None);
    }
}

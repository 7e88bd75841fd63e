using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>
/// Hash of a graded submission's content, so that a resubmission of the same answers for a week is recognised.
/// The canonical form is compact JSON with a fixed property order, items sorted by key (ordinal), decimals without
/// trailing zeros (38.0 and 38 are the same temperature) and the normalised comment by its own SHA-256, which keeps
/// the form ASCII and independent of JSON escaping rules. Stored hashes must stay
/// comparable: change the form only together with <see cref="FormatVersion"/>.
/// </summary>
internal static class SubmissionContentHash
{
    public const int FormatVersion = 1;

    public static string Compute(
        IEnumerable<ItemAnswer> answers, decimal? temperatureCelsius, decimal? weightKg, bool patientUrgent, string? comment) =>
        Convert.ToHexStringLower(SHA256.HashData(
            CanonicalForm(answers, temperatureCelsius, weightKg, patientUrgent, comment)));

    public static byte[] CanonicalForm(
        IEnumerable<ItemAnswer> answers, decimal? temperatureCelsius, decimal? weightKg, bool patientUrgent, string? comment)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("format", FormatVersion);
            json.WriteStartArray("items");
            foreach (var answer in answers.OrderBy(a => a.ItemKey, StringComparer.Ordinal))
            {
                json.WriteStartArray();
                json.WriteStringValue(answer.ItemKey);
                WriteScore(json, answer.Frequency);
                WriteScore(json, answer.Severity);
                WriteScore(json, answer.Interference);
                if (answer.Present is { } present)
                {
                    json.WriteBooleanValue(present);
                }
                else
                {
                    json.WriteNullValue();
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            WriteDecimal(json, "temperatureCelsius", temperatureCelsius);
            WriteDecimal(json, "weightKg", weightKg);
            json.WriteBoolean("patientUrgent", patientUrgent);
            if (comment is null)
            {
                json.WriteNull("commentSha256");
            }
            else
            {
                json.WriteString("commentSha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(comment))));
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteScore(Utf8JsonWriter json, int? score)
    {
        if (score is { } value)
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    // As a string, so the text does not depend on how a number is formatted.
    private static void WriteDecimal(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteString(name, number.ToString("0.#############################", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

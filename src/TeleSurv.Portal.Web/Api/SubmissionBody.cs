using System.Globalization;
using System.Text.Json;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Web.Api;

/// <summary>
/// The JSON body of <c>POST /api/v1/questionnaire-responses</c>, read strictly and by hand: every problem (malformed
/// JSON, a wrong type, an unknown property) is collected with the path of the field, in the field naming of the
/// questionnaire's own validation (<c>items.nausea.severity</c>), instead of stopping at the first one.
/// </summary>
internal sealed class SubmissionBody
{
    public const string BodyField = "body";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 8,
    };

    private static readonly string[] AnswerNames = ["frequency", "severity", "interference", "present"];

    public DateOnly Week { get; private set; }

    public Dictionary<string, SymptomAnswer?> Items { get; } = new(StringComparer.Ordinal);

    public decimal? TemperatureCelsius { get; private set; }

    public decimal? WeightKg { get; private set; }

    public bool? PatientUrgent { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>The body, or the problems found in it by field.</summary>
    public static (SubmissionBody? Body, Dictionary<string, string[]> Errors) Read(ReadOnlyMemory<byte> utf8Json)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1})")
                : "";
            return (null, Single(BodyField, $"The body is not valid JSON{where}."));
        }

        using (document)
        {
            var body = new SubmissionBody();
            body.ReadRoot(document.RootElement, errors);
            return errors.Count == 0
                ? (body, [])
                : (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }

    public static Dictionary<string, string[]> Single(string field, string message) =>
        new(StringComparer.Ordinal) { [field] = [message] };

    private void ReadRoot(JsonElement root, Dictionary<string, List<string>> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Add(errors, BodyField, "The body must be a JSON object.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Add(errors, property.Name, "This property is given twice.");
                continue;
            }

            var value = property.Value;
            switch (property.Name)
            {
                case "week":
                    if (value.ValueKind == JsonValueKind.String
                        && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var week))
                    {
                        Week = week;
                    }
                    else
                    {
                        Add(errors, "week", "The week is the due date of the questionnaire answered, as a string yyyy-MM-dd.");
                    }

                    break;
                case "items":
                    ReadItems(value, errors);
                    break;
                case "temperatureCelsius":
                    TemperatureCelsius = ReadNumber(value, property.Name, errors);
                    break;
                case "weightKg":
                    WeightKg = ReadNumber(value, property.Name, errors);
                    break;
                case "patientUrgent":
                    PatientUrgent = ReadBoolean(value, property.Name, errors);
                    break;
                case "comment":
                    if (value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
                    {
                        Comment = value.GetString();
                    }
                    else
                    {
                        Add(errors, property.Name, "The comment is a string (or null).");
                    }

                    break;
                default:
                    Add(errors, property.Name, "Unknown property: a response has week, items, temperatureCelsius, weightKg, patientUrgent and comment.");
                    break;
            }
        }

        if (!seen.Contains("week"))
        {
            Add(errors, "week", "The week (the due date of the questionnaire answered, yyyy-MM-dd) is required.");
        }

        if (!seen.Contains("items"))
        {
            Add(errors, "items", "The answers (an object of answers by item key) are required.");
        }
    }

    private void ReadItems(JsonElement items, Dictionary<string, List<string>> errors)
    {
        if (items.ValueKind != JsonValueKind.Object)
        {
            Add(errors, "items", "The answers are an object of answers by item key.");
            return;
        }

        foreach (var item in items.EnumerateObject())
        {
            var field = SubmissionFields.Item(item.Name);
            if (Items.ContainsKey(item.Name))
            {
                Add(errors, field, "This item is answered twice.");
                continue;
            }

            if (item.Value.ValueKind == JsonValueKind.Null)
            {
                Items[item.Name] = null;
                continue;
            }

            if (item.Value.ValueKind != JsonValueKind.Object)
            {
                Add(errors, field, "An item's answers are an object such as { \"frequency\": 2, \"severity\": 1 }.");
                continue;
            }

            int? frequency = null, severity = null, interference = null;
            bool? present = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var answer in item.Value.EnumerateObject())
            {
                var answerField = $"{field}.{answer.Name}";
                if (!seen.Add(answer.Name))
                {
                    Add(errors, answerField, "This answer is given twice.");
                    continue;
                }

                switch (answer.Name)
                {
                    case "frequency":
                        frequency = ReadScore(answer.Value, answerField, errors);
                        break;
                    case "severity":
                        severity = ReadScore(answer.Value, answerField, errors);
                        break;
                    case "interference":
                        interference = ReadScore(answer.Value, answerField, errors);
                        break;
                    case "present":
                        present = ReadBoolean(answer.Value, answerField, errors);
                        break;
                    default:
                        Add(errors, answerField, $"Unknown answer: an item's answers are {string.Join(", ", AnswerNames)}.");
                        break;
                }
            }

            Items[item.Name] = new SymptomAnswer { Frequency = frequency, Severity = severity, Interference = interference, Present = present };
        }
    }

    private static int? ReadScore(JsonElement value, string field, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var score))
        {
            return score;
        }

        Add(errors, field, "A score is a whole number from 0 to 4 (or null when the question is not asked).");
        return null;
    }

    private static decimal? ReadNumber(JsonElement value, string field, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        Add(errors, field, "This value is a number (or null when not measured).");
        return null;
    }

    private static bool? ReadBoolean(JsonElement value, string field, Dictionary<string, List<string>> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                Add(errors, field, "This value is true or false.");
                return null;
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }
}

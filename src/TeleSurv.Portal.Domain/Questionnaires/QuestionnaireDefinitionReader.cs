using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TeleSurv.Portal.Domain.Grading;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>Turns definition JSON into a checked <see cref="QuestionnaireDefinition"/>, reporting every problem.</summary>
internal static partial class QuestionnaireDefinitionReader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
    };

    private static readonly Dictionary<string, ProCtcaeAttributeKind> AttributeNames = new(StringComparer.Ordinal)
    {
        ["frequency"] = ProCtcaeAttributeKind.Frequency,
        ["severity"] = ProCtcaeAttributeKind.Severity,
        ["interference"] = ProCtcaeAttributeKind.Interference,
        ["presence"] = ProCtcaeAttributeKind.Presence,
    };

    public static QuestionnaireDefinition Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        DefinitionDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<DefinitionDto>(json, Json)
                ?? throw new InvalidDataException("A questionnaire definition cannot be null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Malformed questionnaire definition: {e.Message}", e);
        }

        var problems = new List<string>();
        var definition = Map(dto, problems);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"Questionnaire definition '{dto.Code}' v{dto.Version} is invalid: " + string.Join(" ", problems));
        }

        return definition;
    }

    private static QuestionnaireDefinition Map(DefinitionDto dto, List<string> problems)
    {
        if (!CodePattern().IsMatch(dto.Code))
        {
            problems.Add("The code must be lower-case letters, digits and hyphens.");
        }

        if (dto.Version < 1)
        {
            problems.Add("The version starts at 1.");
        }

        if (dto.RecallPeriodDays is < 1 or > 31)
        {
            problems.Add("The recall period is 1 to 31 days.");
        }

        var scales = MapScales(dto.Scales, problems);
        var items = dto.Items.Select((item, index) => MapItem(item, index, problems)).ToList();
        if (items.Count == 0)
        {
            problems.Add("A questionnaire has at least one item.");
        }

        foreach (var duplicate in items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
        {
            problems.Add($"Item key '{duplicate.Key}' is used twice.");
        }

        foreach (var duplicate in items.GroupBy(i => i.Number).Where(g => g.Count() > 1))
        {
            problems.Add($"Item number {duplicate.Key} is used twice.");
        }

        foreach (var missing in items.SelectMany(i => i.Attributes).Distinct().Where(a => !scales.ContainsKey(a)))
        {
            problems.Add($"No answer scale for the {Name(missing)} attribute.");
        }

        CheckText(dto.Title, "title", problems);
        CheckText(dto.Recall, "recall", problems);
        CheckMeasurement(dto.Temperature, "temperature", problems);
        CheckMeasurement(dto.Weight, "weight", problems);
        CheckText(dto.Urgency.Question, "urgency.question", problems);
        CheckOptionalText(dto.Urgency.Hint, "urgency.hint", problems);
        CheckText(dto.Comment.Question, "comment.question", problems);
        if (dto.Comment.MaxLength is < 1 or > 10_000)
        {
            problems.Add("comment.maxLength is 1 to 10000.");
        }

        return new QuestionnaireDefinition
        {
            Code = dto.Code,
            Version = dto.Version,
            Title = dto.Title,
            RecallPeriodDays = dto.RecallPeriodDays,
            Recall = dto.Recall,
            Scales = scales,
            Items = items,
            Temperature = MapMeasurement(dto.Temperature),
            Weight = MapMeasurement(dto.Weight),
            Urgency = new YesNoQuestion
            {
                Question = dto.Urgency.Question,
                Hint = dto.Urgency.Hint,
                Required = dto.Urgency.Required,
            },
            Comment = new TextQuestion { Question = dto.Comment.Question, MaxLength = dto.Comment.MaxLength },
        };
    }

    private static Dictionary<ProCtcaeAttributeKind, AnswerScale> MapScales(
        Dictionary<string, ScaleDto> scales, List<string> problems)
    {
        var result = new Dictionary<ProCtcaeAttributeKind, AnswerScale>();
        foreach (var (name, scale) in scales)
        {
            if (!AttributeNames.TryGetValue(name, out var attribute))
            {
                problems.Add($"Unknown answer scale '{name}'.");
                continue;
            }

            var expected = attribute == ProCtcaeAttributeKind.Presence ? 2 : ProCtcaeGrading.MaxScore + 1;
            if (scale.Labels.Count != expected)
            {
                problems.Add($"The {name} scale has {expected} labels, scored 0 to {expected - 1}.");
            }

            for (var score = 0; score < scale.Labels.Count; score++)
            {
                CheckText(scale.Labels[score], $"scales.{name}.labels[{score}]", problems);
            }

            result[attribute] = new AnswerScale { Attribute = attribute, Labels = scale.Labels };
        }

        return result;
    }

    private static SymptomItem MapItem(ItemDto item, int index, List<string> problems)
    {
        var where = $"items[{index}] ({item.Key})";
        if (!KeyPattern().IsMatch(item.Key))
        {
            problems.Add($"{where}: the key must be lower-case snake_case.");
        }

        if (item.Number < 1)
        {
            problems.Add($"{where}: the NCI item number is positive.");
        }

        if (string.IsNullOrWhiteSpace(item.CtcaeTerm))
        {
            problems.Add($"{where}: the CTCAE term is required.");
        }

        CheckText(item.Label, $"{where}.label", problems);

        var attributes = new List<ProCtcaeAttributeKind>();
        foreach (var name in item.Attributes)
        {
            if (AttributeNames.TryGetValue(name, out var attribute))
            {
                attributes.Add(attribute);
            }
            else
            {
                problems.Add($"{where}: unknown attribute '{name}'.");
            }
        }

        var inNciOrder = attributes.Zip(attributes.Skip(1)).All(pair => pair.First < pair.Second);
        var presenceAlone = !attributes.Contains(ProCtcaeAttributeKind.Presence) || attributes.Count == 1;
        if (attributes.Count == 0 || !inNciOrder || !presenceAlone)
        {
            problems.Add($"{where}: attributes are frequency, severity, interference in that order, or presence alone.");
        }

        var questions = new Dictionary<ProCtcaeAttributeKind, LocalizedText>();
        foreach (var (name, text) in item.Questions)
        {
            if (AttributeNames.TryGetValue(name, out var attribute) && attributes.Contains(attribute))
            {
                CheckText(text, $"{where}.questions.{name}", problems);
                questions[attribute] = text;
            }
            else
            {
                problems.Add($"{where}: a question is given for '{name}', which is not an attribute of the item.");
            }
        }

        foreach (var attribute in attributes.Where(a => !questions.ContainsKey(a)))
        {
            problems.Add($"{where}: no question for the {Name(attribute)} attribute.");
        }

        return new SymptomItem
        {
            Number = item.Number,
            Key = item.Key,
            CtcaeTerm = item.CtcaeTerm,
            Label = item.Label,
            Attributes = attributes,
            Questions = questions,
        };
    }

    private static MeasurementQuestion MapMeasurement(MeasurementDto dto) => new()
    {
        Question = dto.Question,
        Hint = dto.Hint,
        Unit = dto.Unit,
        Min = dto.Min,
        Max = dto.Max,
        Step = dto.Step,
        Required = dto.Required,
    };

    private static void CheckMeasurement(MeasurementDto dto, string where, List<string> problems)
    {
        CheckText(dto.Question, $"{where}.question", problems);
        CheckOptionalText(dto.Hint, $"{where}.hint", problems);
        if (string.IsNullOrWhiteSpace(dto.Unit))
        {
            problems.Add($"{where}: the unit is required.");
        }

        if (dto.Min >= dto.Max)
        {
            problems.Add($"{where}: min must be below max.");
        }

        if (dto.Step <= 0)
        {
            problems.Add($"{where}: the step is positive.");
        }
    }

    private static void CheckOptionalText(LocalizedText? text, string where, List<string> problems)
    {
        if (text is not null)
        {
            CheckText(text, where, problems);
        }
    }

    private static void CheckText(LocalizedText text, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text.Fr) || string.IsNullOrWhiteSpace(text.En))
        {
            problems.Add($"{where}: French and English texts are both required.");
        }
    }

    private static string Name(ProCtcaeAttributeKind attribute) => attribute.ToString().ToLowerInvariant();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();

    private sealed class DefinitionDto
    {
        public required string Code { get; init; }

        public required int Version { get; init; }

        public required LocalizedText Title { get; init; }

        public required int RecallPeriodDays { get; init; }

        public required LocalizedText Recall { get; init; }

        public required Dictionary<string, ScaleDto> Scales { get; init; }

        public required List<ItemDto> Items { get; init; }

        public required MeasurementDto Temperature { get; init; }

        public required MeasurementDto Weight { get; init; }

        public required YesNoDto Urgency { get; init; }

        public required TextDto Comment { get; init; }
    }

    private sealed class ScaleDto
    {
        public required List<LocalizedText> Labels { get; init; }
    }

    private sealed class ItemDto
    {
        public required int Number { get; init; }

        public required string Key { get; init; }

        public required string CtcaeTerm { get; init; }

        public required List<string> Attributes { get; init; }

        public required LocalizedText Label { get; init; }

        public required Dictionary<string, LocalizedText> Questions { get; init; }
    }

    private sealed class MeasurementDto
    {
        public required LocalizedText Question { get; init; }

        public LocalizedText? Hint { get; init; }

        public required string Unit { get; init; }

        public required decimal Min { get; init; }

        public required decimal Max { get; init; }

        public required decimal Step { get; init; }

        public required bool Required { get; init; }
    }

    private sealed class YesNoDto
    {
        public required LocalizedText Question { get; init; }

        public LocalizedText? Hint { get; init; }

        public required bool Required { get; init; }
    }

    private sealed class TextDto
    {
        public required LocalizedText Question { get; init; }

        public required int MaxLength { get; init; }
    }
}

using System.Text.Json.Nodes;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Domain.Tests.Questionnaires;

public class QuestionnaireDefinitionParseTests
{
    private static readonly string Published = QuestionnaireCatalog.Get("onco-weekly", 1).Json;

    [Fact]
    public void The_published_json_reads_back_to_the_same_definition()
    {
        var definition = QuestionnaireDefinition.Parse(Published);

        Assert.Equal(QuestionnaireCatalog.Current.Items.Select(i => i.Key), definition.Items.Select(i => i.Key));
        Assert.Equal(19, definition.Items.Count);
    }

    public static TheoryData<string, string> Damages() => new()
    {
        { "code=Onco Weekly", "code must be" },
        { "version=0", "version starts at 1" },
        { "items[0].attributes=interference,severity", "in that order" },
        { "items[0].attributes=presence,severity", "presence alone" },
        { "items[0].attributes=amount", "unknown attribute 'amount'" },
        { "items[1].key=mouth_throat_sores", "used twice" },
        { "items[0].key=Mouth", "snake_case" },
        { "items[0].questions.frequency={\"fr\":\"a ?\",\"en\":\"b ?\"}", "not an attribute of the item" },
        { "items[0].questions-severity", "no question for the severity attribute" },
        { "items[0].label.en=", "French and English texts are both required" },
        { "scales-presence", "No answer scale for the presence attribute" },
        { "scales.frequency.labels-4", "5 labels" },
        { "temperature.min=50", "min must be below max" },
        { "comment.maxLength=0", "maxLength is 1 to 10000" },
        { "extra=1", "Malformed" },
        { "urgency-required", "Malformed" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void An_inconsistent_definition_is_refused_with_the_reason(string damage, string reason)
    {
        var json = JsonNode.Parse(Published)!;
        Apply(json, damage);

        var error = Assert.Throws<InvalidDataException>(() => QuestionnaireDefinition.Parse(json.ToJsonString()));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var json = JsonNode.Parse(Published)!;
        Apply(json, "version=0");
        Apply(json, "items[1].key=mouth_throat_sores");

        var error = Assert.Throws<InvalidDataException>(() => QuestionnaireDefinition.Parse(json.ToJsonString()));
        Assert.Contains("version starts at 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("used twice", error.Message, StringComparison.Ordinal);
    }

    // A damage is "path=value" (set; a JSON object, a comma list becomes an array, digits a number) or "path-name" (remove a
    // property, or an array element by index).
    private static void Apply(JsonNode root, string damage)
    {
        var set = damage.IndexOf('=', StringComparison.Ordinal);
        var remove = damage.LastIndexOf('-');
        var isSet = set >= 0;
        var path = isSet ? damage[..set] : damage[..remove];
        var parentPath = path.Contains('.', StringComparison.Ordinal) ? path[..path.LastIndexOf('.')] : "";
        var last = isSet ? path[(path.LastIndexOf('.') + 1)..] : damage[(remove + 1)..];
        var parent = isSet ? Navigate(root, parentPath) : Navigate(root, path);

        if (!isSet)
        {
            if (parent is JsonArray array)
            {
                array.RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                parent.AsObject().Remove(last);
            }

            return;
        }

        var text = damage[(set + 1)..];
        JsonNode? value = text.StartsWith('{') ? JsonNode.Parse(text)
            : text.Contains(',', StringComparison.Ordinal) || last == "attributes"
            ? new JsonArray([.. text.Split(',').Select(v => (JsonNode)JsonValue.Create(v))])
            : int.TryParse(text, out var number) ? JsonValue.Create(number) : JsonValue.Create(text);
        parent[last] = value;
    }

    private static JsonNode Navigate(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                node = node[part]!;
                continue;
            }

            node = node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        return node;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>
/// The questionnaire definitions shipped with the portal (embedded Definitions/{code}.v{version}.json), read and
/// checked once. Infrastructure stores each one as a <see cref="Questionnaire"/> row the first time it is used.
/// </summary>
public static partial class QuestionnaireCatalog
{
    /// <summary>Code of the weekly oncology questionnaire.</summary>
    public const string WeeklyOncologyCode = "onco-weekly";

    private const string ResourcePrefix = "questionnaires/";

    private static readonly IReadOnlyList<PublishedQuestionnaire> Published = Load();

    /// <summary>Every shipped definition, by code then version.</summary>
    public static IReadOnlyList<PublishedQuestionnaire> All => Published;

    /// <summary>The latest version of the weekly oncology questionnaire: the one new responses use.</summary>
    public static QuestionnaireDefinition Current { get; } = Latest(WeeklyOncologyCode);

    public static bool TryGet(string code, int version, [NotNullWhen(true)] out PublishedQuestionnaire? questionnaire)
    {
        questionnaire = Published.FirstOrDefault(q => q.Definition.Code == code && q.Definition.Version == version);
        return questionnaire is not null;
    }

    /// <exception cref="KeyNotFoundException">No such code and version.</exception>
    public static PublishedQuestionnaire Get(string code, int version) =>
        TryGet(code, version, out var questionnaire)
            ? questionnaire
            : throw new KeyNotFoundException($"No questionnaire '{code}' version {version}.");

    /// <summary>Latest version of a code.</summary>
    public static QuestionnaireDefinition Latest(string code) =>
        Published.LastOrDefault(q => q.Definition.Code == code)?.Definition
            ?? throw new KeyNotFoundException($"No questionnaire '{code}'.");

    private static List<PublishedQuestionnaire> Load()
    {
        var assembly = typeof(QuestionnaireCatalog).Assembly;
        var published = new List<PublishedQuestionnaire>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var json = reader.ReadToEnd();
            var definition = QuestionnaireDefinition.Parse(json);

            var fileName = name[ResourcePrefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success || match.Groups["code"].Value != definition.Code
                || match.Groups["version"].Value != definition.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidDataException(
                    $"Definition file '{fileName}' must be named {definition.Code}.v{definition.Version}.json.");
            }

            published.Add(new PublishedQuestionnaire(definition, json));
        }

        return [.. published.OrderBy(q => q.Definition.Code, StringComparer.Ordinal).ThenBy(q => q.Definition.Version)];
    }

    [GeneratedRegex(@"^(?<code>[a-z0-9-]+)\.v(?<version>[1-9][0-9]*)\.json$")]
    private static partial Regex FileNamePattern();
}

/// <summary>A shipped definition and its exact JSON text (what a <see cref="Questionnaire"/> row stores).</summary>
public sealed record PublishedQuestionnaire(QuestionnaireDefinition Definition, string Json);

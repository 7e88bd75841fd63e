using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TeleSurv.Portal.Web.Tests.Localization;

/// <summary>
/// The UI speaks French first and English second: both resource files hold the same keys, none empty, and every
/// key a component names literally exists.
/// </summary>
public sealed partial class ResourceParityTests
{
    private static readonly string Root = FindRoot();
    private static readonly string ResourceFolder = Path.Combine(Root, "src", "TeleSurv.Portal.Web", "Resources", "Localization");

    [Fact]
    public void French_and_English_hold_the_same_keys()
    {
        var french = Read("SharedResource.resx");
        var english = Read("SharedResource.en.resx");

        Assert.Empty(french.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(english.Keys.Except(french.Keys).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void No_text_is_empty_or_defined_twice(string file)
    {
        var document = XDocument.Load(Path.Combine(ResourceFolder, file));
        var names = document.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();

        Assert.Empty(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(Read(file).Where(pair => string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Key));
    }

    [Fact]
    public void Every_key_named_in_a_component_exists()
    {
        var french = Read("SharedResource.resx");
        var webProject = Path.Combine(Root, "src", "TeleSurv.Portal.Web");
        var missing = Directory.EnumerateFiles(webProject, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".razor", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => LiteralKey().Matches(File.ReadAllText(path)).Select(m => (File: Path.GetFileName(path), Key: m.Groups["key"].Value)))
            .Where(use => !french.ContainsKey(use.Key))
            .Select(use => $"{use.File}: {use.Key}")
            .Distinct()
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void The_scan_finds_the_keys_it_checks()
    {
        // Guards the test above against a pattern that silently matches nothing.
        var layout = File.ReadAllText(Path.Combine(Root, "src", "TeleSurv.Portal.Web", "Components", "ExpectedLevels", "ExpectedLevelPanel.razor"));
        Assert.Contains(LiteralKey().Matches(layout), m => m.Groups["key"].Value == "ExpectedLevels.Title");
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(ResourceFolder, file)).Root!.Elements("data")
            .GroupBy(d => (string)d.Attribute("name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (string?)g.First().Element("value") ?? string.Empty, StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeleSurv.Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds TeleSurv.Portal.sln.");
    }

    // L["Key"] or L["Key", args]: keys built at run time ($"...{x}") are not literal and not matched.
    [GeneratedRegex("""\bL\["(?<key>[A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex LiteralKey();
}

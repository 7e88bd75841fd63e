using System.Reflection;
using System.Xml.Linq;
using Bunit;
using MudBlazor;
using TeleSurv.Portal.Web.Localization;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Localization;

public sealed class PortalMudLocalizerTests : PortalComponentTest
{
    [Fact]
    public void MudBlazor_s_own_texts_speak_french_from_our_resources()
    {
        var alert = Render<MudAlert>(p => p.Add(c => c.ShowCloseIcon, true).AddChildContent("Message"));

        var close = Assert.Single(alert.FindAll("button"));
        Assert.Equal("Fermer", close.GetAttribute("aria-label"));
    }

    [Fact]
    public void The_localizer_gives_each_language_its_text_and_leaves_unknown_keys_to_MudBlazor()
    {
        var mud = Assert.IsType<PortalMudLocalizer>(Services.GetService<MudLocalizer>());

        Assert.Equal("Page suivante", mud["MudTablePager_NextPage"].Value);
        UseCulture("en-GB");
        Assert.Equal("Next page", mud["MudTablePager_NextPage"].Value);
        Assert.True(mud["MudColorPicker_Hue"].ResourceNotFound);
    }

    [Fact]
    public void Every_MudBlazor_text_we_translate_names_a_key_MudBlazor_asks_for()
    {
        var keys = typeof(MudLocalizer).Assembly.GetType("MudBlazor.Resources.LanguageResource", throwOnError: true)!
            .GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(member => member.Name)
            .ToHashSet(StringComparer.Ordinal);
        var ours = XDocument.Load(Path.Combine(ResourceFolder(), "SharedResource.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!)
            .Where(name => name.StartsWith(PortalMudLocalizer.Prefix, StringComparison.Ordinal))
            .Select(name => name[PortalMudLocalizer.Prefix.Length..])
            .ToList();

        Assert.NotEmpty(ours);
        Assert.Contains("MudDialog_Close", keys);
        Assert.All(ours, key => Assert.Contains(key, keys));
    }

    private static string ResourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeleSurv.Portal.sln")))
            {
                return Path.Combine(dir.FullName, "src", "TeleSurv.Portal.Web", "Resources", "Localization");
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds TeleSurv.Portal.sln.");
    }
}

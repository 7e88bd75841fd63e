using System.Text.Json;

namespace TeleSurv.Portal.IntegrationTests.StaticAssets;

/// <summary>Paths of the checked-out repository that the static-asset tests compare served bytes with.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string WebProjectDirectory => Path.Combine(Root, "src", "TeleSurv.Portal.Web");

    public static string WebProjectFile => Path.Combine(WebProjectDirectory, "TeleSurv.Portal.Web.csproj");

    /// <summary>
    /// The script of the SDK's own assets package, as the web project's restore resolved it: the SDK chooses the
    /// version, so it is read from the project's assets file rather than named here.
    /// </summary>
    public static string SdkBlazorScript { get; } = FindSdkBlazorScript();

    public static string TopLevelWebRoot => Path.Combine(Root, "wwwroot");

    private static string FindSdkBlazorScript()
    {
        const string Package = "Microsoft.AspNetCore.App.Internal.Assets/";
        var assetsFile = Path.Combine(WebProjectDirectory, "obj", "project.assets.json");
        using var assets = JsonDocument.Parse(File.ReadAllBytes(assetsFile));
        var library = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Single(l => l.Name.StartsWith(Package, StringComparison.OrdinalIgnoreCase));
        var libraryPath = library.Value.GetProperty("path").GetString()!;
        return assets.RootElement.GetProperty("packageFolders").EnumerateObject()
            .Select(folder => Path.Combine(folder.Name, libraryPath, "_framework", "blazor.web.js"))
            .First(File.Exists);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TeleSurv.Portal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No TeleSurv.Portal.sln above '{AppContext.BaseDirectory}'.");
    }
}

namespace TeleSurv.Portal.IntegrationTests.StaticAssets;

/// <summary>Paths of the checked-out repository that the static-asset tests compare served bytes with.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string WebProjectDirectory => Path.Combine(Root, "src", "TeleSurv.Portal.Web");

    public static string WebProjectFile => Path.Combine(WebProjectDirectory, "TeleSurv.Portal.Web.csproj");

    /// <summary>Where build/BlazorScript.targets writes the script it takes from the runtime pack.</summary>
    public static string ExtractedBlazorScript =>
        Path.Combine(WebProjectDirectory, "obj", "blazor-script", "_framework", "blazor.web.js");

    public static string TopLevelWebRoot => Path.Combine(Root, "wwwroot");

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

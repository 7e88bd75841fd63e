namespace TeleSurv.Portal.Domain.Tests.Support;

/// <summary>Locates files of the repository and of the shared reference folder that sits beside it.</summary>
internal static class RepositoryFiles
{
    private const string SolutionFile = "TeleSurv.Portal.sln";

    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The shared reference folder (<c>shared/</c> beside the repository, or beside one of its parent folders when
    /// the repository is a worktree nested one level deeper); null when there is none.
    /// </summary>
    public static string? SharedClinical { get; } = FindSharedClinical();

    public static string InRepository(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }

    private static string? FindSharedClinical()
    {
        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "clinical");
            if (File.Exists(Path.Combine(candidate, "pro-ctcae-composite-grades.csv")))
            {
                return candidate;
            }
        }

        return null;
    }
}

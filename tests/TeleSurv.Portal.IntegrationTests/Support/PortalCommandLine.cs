using System.Diagnostics;
using System.Text.Json;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Tests.Support;

/// <summary>The built portal started as its own process, as an operator would start it.</summary>
public static class PortalCommandLine
{
    private static readonly Lazy<string> BuiltWebRoot = new(() =>
    {
        var manifestPath = Path.ChangeExtension(WebAssemblyPath(), ".staticwebassets.runtime.json");
        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var contentRoots = manifest.RootElement.GetProperty("ContentRoots").EnumerateArray().Select(r => r.GetString()!).ToList();
        var root = Path.Combine(Path.GetTempPath(), "telesurv-webroot-" + Guid.NewGuid().ToString("N"));
        CopyAssets(manifest.RootElement.GetProperty("Root"), root, contentRoots);
        return root;
    });

    /// <summary>Runs the portal with the given environment until it exits (or the time limit kills it).</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunUntilExitAsync(
        IDictionary<string, string> environment, TimeSpan timeLimit)
    {
        var workingDirectory = Path.Combine(Path.GetTempPath(), "telesurv-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet", [WebAssemblyPath(), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(timeLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the portal was still running after {timeLimit.TotalSeconds} s; it should have stopped at start");
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the built portal on the test database, as an operator would on a server: Staging, demo sign-in allowed,
    /// no demo data, no non-responder job, warnings only in the log, then <paramref name="settings"/> (configuration
    /// keys, <c>:</c> or <c>__</c>). Its output goes to <paramref name="output"/>, or is drained.
    /// </summary>
    public static Process Start(
        TestDatabase database, IEnumerable<(string Key, string? Value)> settings, string urls = "http://127.0.0.1:0", Action<string?>? output = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet", [WebAssemblyPath(), "--urls", urls])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var defaults = new (string Key, string? Value)[]
        {
            ("ASPNETCORE_ENVIRONMENT", "Staging"),
            ("Auth:Mode", "Demo"),
            ("Demo:AllowSignInOutsideDevelopment", "true"),
            ("Demo:SeedOnEmptyDatabase", "false"),
            ("Clinical:NonResponder:JobEnabled", "false"),
            ("Logging:LogLevel:Default", "Warning"),
        };
        foreach (var (key, value) in database.Settings.Select(pair => (pair.Key, pair.Value)).Concat(defaults).Concat(settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => output?.Invoke(e.Data);
        process.ErrorDataReceived += (_, e) => output?.Invoke(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// A web root holding the portal's static files as a published portal has them (its own, the framework's, the
    /// component libraries', their compressed copies), copied from where the build left them, as its static web assets
    /// manifest names them: the build output has no web root of its own, and only Development reads that manifest.
    /// Made once per test process.
    /// </summary>
    public static string WebRoot() => BuiltWebRoot.Value;

    private static void CopyAssets(JsonElement node, string folder, List<string> contentRoots)
    {
        if (!node.TryGetProperty("Children", out var children) || children.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var child in children.EnumerateObject())
        {
            var path = Path.Combine(folder, child.Name);
            if (child.Value.TryGetProperty("Asset", out var asset) && asset.ValueKind == JsonValueKind.Object)
            {
                Directory.CreateDirectory(folder);
                var target = Path.Combine(contentRoots[asset.GetProperty("ContentRootIndex").GetInt32()], asset.GetProperty("SubPath").GetString()!);
                File.Copy(target, path);
            }

            CopyAssets(child.Value, path, contentRoots);
        }
    }

    /// <summary>The web project's own build output, in the configuration these tests were built in.</summary>
    public static string WebAssemblyPath()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TeleSurv.Portal.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("TeleSurv.Portal.sln not found above " + AppContext.BaseDirectory);
        }

        var path = Path.Combine(root.FullName, "src", "TeleSurv.Portal.Web", "bin", configuration, framework, "TeleSurv.Portal.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the web project first.", path);
    }
}

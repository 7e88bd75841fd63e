using System.Diagnostics;

namespace TeleSurv.Portal.Tests.Support;

/// <summary>The built portal started as its own process, as an operator would start it.</summary>
public static class PortalCommandLine
{
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

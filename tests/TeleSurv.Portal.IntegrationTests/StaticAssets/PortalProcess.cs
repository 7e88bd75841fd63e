using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.StaticAssets;

/// <summary>
/// The portal started as a real process on a free 127.0.0.1 port (Kestrel, real file system), stopped with its
/// whole process tree on dispose. Subclasses say how it is started.
/// </summary>
public abstract class PortalProcess : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly StringBuilder _output = new();
    private Process? _process;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The build configuration of these tests, which is also the web project's (it is a project reference).</summary>
    protected static string Configuration =>
        typeof(PortalProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    protected static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    public async Task InitializeAsync()
    {
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var start = await PrepareAsync(url);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Client = new HttpClient { BaseAddress = new Uri(url) };
        await WaitUntilServingAsync();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Does any preparation (such as publishing) and returns how to start the portal listening on <paramref name="url"/>.</summary>
    protected abstract Task<ProcessStartInfo> PrepareAsync(string url);

    /// <summary>Runs a command to completion and fails with its output if it does not succeed.</summary>
    protected static async Task RunToCompletionAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish in {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{start.FileName} {string.Join(' ', start.ArgumentList)}' exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {_process.ExitCode} before serving:\n{Output}");
            }

            try
            {
                // Any answer means Kestrel is listening; what it serves is for the tests to judge.
                using var response = await Client.GetAsync(new Uri("/", UriKind.Relative));
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The portal did not answer within {StartTimeout}:\n{Output}");
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

internal static class PortalProcessSettings
{
    /// <summary>A database of the test's own in a fresh temporary folder, and no demo data to load.</summary>
    public static void UseThrowawayDatabase(ProcessStartInfo start)
    {
        var folder = Path.Combine(Path.GetTempPath(), "telesurv-assets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}";
        start.Environment["Demo__SeedOnEmptyDatabase"] = "false";
    }
}

/// <summary>The portal as a developer runs it: `dotnet run` in Development, serving files from where they lie in the repository.</summary>
public sealed class DotnetRunPortal : PortalProcess
{
    protected override Task<ProcessStartInfo> PrepareAsync(string url)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            ArgumentList =
            {
                "run", "--no-build", "--no-launch-profile", "--configuration", Configuration,
                "--project", RepositoryLayout.WebProjectFile, "--", "--urls", url,
            },
            WorkingDirectory = RepositoryLayout.WebProjectDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        PortalProcessSettings.UseThrowawayDatabase(start);
        return Task.FromResult(start);
    }
}

/// <summary>
/// The portal as deployed: `dotnet publish` output started in Production. The output folder is taken from
/// TELESURV_PUBLISHED_WEB_DIR when a script already published it; otherwise the tests publish their own build once.
/// </summary>
public sealed class PublishedPortal : PortalProcess
{
    public const string PublishedDirectoryVariable = "TELESURV_PUBLISHED_WEB_DIR";

    private string? _temporaryDirectory;

    public string Directory { get; private set; } = "";

    protected override async Task<ProcessStartInfo> PrepareAsync(string url)
    {
        Directory = Environment.GetEnvironmentVariable(PublishedDirectoryVariable) ?? "";
        if (Directory.Length == 0)
        {
            _temporaryDirectory = Path.Combine(Path.GetTempPath(), "telesurv-publish-" + Guid.NewGuid().ToString("N"));
            Directory = _temporaryDirectory;
            await RunToCompletionAsync(new ProcessStartInfo(DotnetHost)
            {
                ArgumentList =
                {
                    "publish", RepositoryLayout.WebProjectFile, "--no-build", "--configuration", Configuration,
                    "--output", Directory, "--nologo", "-nodeReuse:false",
                },
                WorkingDirectory = RepositoryLayout.Root,
            });
        }

        var start = new ProcessStartInfo(DotnetHost)
        {
            ArgumentList = { Path.Combine(Directory, "TeleSurv.Portal.Web.dll"), "--urls", url },
            WorkingDirectory = Directory,
        };
        // Staging: a deployed build (no development file provider), with the demo sign-in explicitly allowed.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["Auth__Mode"] = "Demo";
        start.Environment["Demo__AllowSignInOutsideDevelopment"] = "true";
        PortalProcessSettings.UseThrowawayDatabase(start);
        return start;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _temporaryDirectory is not null && System.IO.Directory.Exists(_temporaryDirectory))
        {
            System.IO.Directory.Delete(_temporaryDirectory, recursive: true);
        }
    }
}

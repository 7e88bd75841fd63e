using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Tests.Cluster;

/// <summary>
/// One portal instance of a cluster: the built portal started as its own process (<c>dotnet TeleSurv.Portal.Web.dll</c>)
/// on a fixed free loopback port, as a node of a deployment runs it. Each node has a home folder of its own, as a
/// separate machine would (nothing the framework keeps under <c>$HOME</c> is shared between nodes), and can be killed
/// the hard way (<see cref="Kill"/>, SIGKILL) and started again on the same port. Its static files are served as a
/// published portal serves them (<see cref="PortalCommandLine.WebRoot"/>), so that a browser can run its pages.
/// </summary>
/// <remarks>
/// Settings are configuration keys (<c>Database:Provider</c>); they become environment variables
/// (<c>Database__Provider</c>). <see cref="ForDatabase"/> gives the settings a node of a test cluster needs:
/// Staging, demo sign-in allowed, no demo data, a test audit chain key, the background jobs off.
/// </remarks>
public sealed class PortalNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Dictionary<string, string?> _settings;
    private readonly StringBuilder _output = new();
    private readonly string _home;
    private Process? _process;

    public PortalNode(string name, IReadOnlyDictionary<string, string?> settings, int port = 0)
    {
        Name = name;
        _settings = new Dictionary<string, string?>(settings);
        Port = port == 0 ? LoopbackPorts.Free() : port;
        _home = Path.Combine(Path.GetTempPath(), $"telesurv-node-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_home);
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>True while the process runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>The process id while it runs.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>What the process wrote to its standard output and error so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// The settings of a cluster node on <paramref name="database"/>, plus <paramref name="extra"/>: Staging (a
    /// deployed build), demo sign-in allowed outside Development, no demo data, the jobs and ORU off, ADT on a free port.
    /// </summary>
    public static Dictionary<string, string?> ForDatabase(TestDatabase database, params (string Key, string? Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(database);
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Auth:Mode"] = "Demo",
            ["Demo:AllowSignInOutsideDevelopment"] = "true",
            ["Demo:SeedOnEmptyDatabase"] = "false",
            ["Clinical:NonResponder:JobEnabled"] = "false",
            ["Adt:Listener:Port"] = "0",
            ["Audit:ChainKeys:0:Id"] = "test",
            ["Audit:ChainKeys:0:Key"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Starts the process and waits until <c>/health</c> answers 200.</summary>
    public async Task StartAsync()
    {
        if (Running)
        {
            throw new InvalidOperationException($"Node {Name} is already running.");
        }

        var start = new ProcessStartInfo("dotnet", [PortalCommandLine.WebAssemblyPath(), "--urls", Address.ToString().TrimEnd('/'), "--webroot", PortalCommandLine.WebRoot()])
        {
            WorkingDirectory = _home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = _home;
        start.Environment["DOTNET_CLI_HOME"] = _home;
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
    }

    /// <summary>Ends the process at once (SIGKILL, as <c>kill -9</c>): no shutdown, nothing flushed.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the temporary folder is left behind.
        }

        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"Node {Name} exited before serving:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Node {Name} was not healthy within {StartTimeout}:\n{Output}");
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

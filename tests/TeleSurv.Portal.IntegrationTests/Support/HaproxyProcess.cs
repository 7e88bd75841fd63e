using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TeleSurv.Portal.IntegrationTests.Support;

/// <summary>
/// Debian's HAProxy run in the foreground by a test, on a configuration written in a folder of its own; returned once
/// it listens on the port given. Disposing kills it and removes the folder.
/// </summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    private static readonly string[] Executables = ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"];
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HaproxyProcess(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    /// <summary>Where the configuration (and any file it names, such as a certificate) is written.</summary>
    public string Folder { get; }

    /// <summary>A folder for the files of a proxy about to start.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "telesurv-haproxy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Starts HAProxy on <paramref name="configuration"/>, written in <paramref name="folder"/>, and waits until <paramref name="port"/> accepts.</summary>
    public static async Task<HaproxyProcess> StartAsync(string folder, string configuration, int port)
    {
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("haproxy is not installed: tests/run.sh installs it (Debian package haproxy).");
        var file = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(file, configuration);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(executable, ["-f", file, "-db"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        var haproxy = new HaproxyProcess(process, folder);
        process.OutputDataReceived += (_, e) => haproxy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => haproxy.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await haproxy.WaitUntilListeningAsync(port);
            return haproxy;
        }
        catch
        {
            await haproxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>What HAProxy wrote so far, for a failure message.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"haproxy stopped (exit code {_process.ExitCode}): {Output()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"haproxy did not listen on {port} within 20 s: {Output()}", ex);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

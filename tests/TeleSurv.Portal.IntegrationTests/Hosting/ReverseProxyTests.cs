using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Hosting;

/// <summary>
/// The portal behind a real TLS-terminating proxy (HAProxy, which speaks plain http to the portal and says https in
/// X-Forwarded-Proto): the session cookie is Secure and HSTS is sent only when the proxy is listed in
/// Network:KnownProxies.
/// </summary>
public sealed class ReverseProxyTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData(null, false)]
    [InlineData("10.0.0.5", false)]
    public async Task Https_at_the_proxy_counts_only_when_the_proxy_is_known(string? knownProxy, bool secure)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        var settings = database.WithSettings(("Demo:SeedOnEmptyDatabase", "true"), ("Auth:Mode", "Demo"), ("Demo:AllowSignInOutsideDevelopment", "true"));
        if (knownProxy is not null)
        {
            settings["Network:KnownProxies:0"] = knownProxy;
        }

        // Staging: HSTS is sent outside Development only.
        await using var factory = new PortalAppFactory(settings, environment: "Staging", kestrel: true);
        await using var proxy = await TlsProxy.StartAsync(factory.ServerAddress.Port);
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies,
            // The proxy's self-signed certificate, and no other.
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == proxy.CertificateHash },
        };
        using var client = new HttpClient(handler) { BaseAddress = proxy.Address };
        // HSTS is never sent for a loopback host name: the portal is asked for by its public name, as in production.
        client.DefaultRequestHeaders.Host = "telesurv.ght.test";

        using var page = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));
        await PortalClient.SignInAsync(client, "ide.bernard");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var session = Assert.Single(cookies.GetAllCookies(), c => c.Name == "telesurv.session");
        Assert.Equal(secure, session.Secure);
        Assert.True(session.HttpOnly);
        Assert.Equal(secure, page.Headers.Contains("Strict-Transport-Security"));
        if (secure)
        {
            Assert.Equal("max-age=31536000", string.Join(", ", page.Headers.GetValues("Strict-Transport-Security")));
        }
    }

    /// <summary>HAProxy ending TLS on a free loopback port with a self-signed certificate, in front of the portal.</summary>
    private sealed class TlsProxy : IAsyncDisposable
    {
        private static readonly string[] Executables = ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"];
        private readonly Process _process;
        private readonly string _folder;
        private readonly StringBuilder _output;

        private TlsProxy(Process process, string folder, StringBuilder output, Uri address, string certificateHash)
        {
            CertificateHash = certificateHash;
            _process = process;
            _folder = folder;
            _output = output;
            Address = address;
        }

        public Uri Address { get; }

        public string CertificateHash { get; }

        public static async Task<TlsProxy> StartAsync(int portalPort)
        {
            var executable = Executables.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("haproxy is not installed: tests/run.sh installs it (Debian package haproxy).");
            var folder = Path.Combine(Path.GetTempPath(), "telesurv-haproxy-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);

            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=telesurv.ght.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var pem = Path.Combine(folder, "portal.pem");
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");

            var port = FreePort();
            var configuration = Path.Combine(folder, "haproxy.cfg");
            await File.WriteAllTextAsync(configuration, $"""
                global
                    maxconn 256

                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s

                frontend portal_https
                    bind 127.0.0.1:{port} ssl crt {pem}
                    http-request set-header X-Forwarded-Proto https
                    option forwardfor
                    default_backend portal

                backend portal
                    server portal 127.0.0.1:{portalPort}

                """);

            var output = new StringBuilder();
            var process = new Process
            {
                StartInfo = new ProcessStartInfo(executable, ["-f", configuration, "-db"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var proxy = new TlsProxy(process, folder, output, new Uri($"https://127.0.0.1:{port}"), certificate.GetCertHashString());
            try
            {
                await proxy.WaitUntilListeningAsync(port);
                return proxy;
            }
            catch
            {
                await proxy.DisposeAsync();
                throw;
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
            Directory.Delete(_folder, recursive: true);
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

        private string Output()
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

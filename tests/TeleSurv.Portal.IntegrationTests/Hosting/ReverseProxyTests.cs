using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.IntegrationTests.Support;
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
    private sealed class TlsProxy(HaproxyProcess haproxy, Uri address, string certificateHash) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public string CertificateHash { get; } = certificateHash;

        public static async Task<TlsProxy> StartAsync(int portalPort)
        {
            var folder = HaproxyProcess.NewFolder();
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=telesurv.ght.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var pem = Path.Combine(folder, "portal.pem");
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");

            var port = LoopbackPorts.Free();
            var haproxy = await HaproxyProcess.StartAsync(folder, $"""
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

                """, port);
            return new TlsProxy(haproxy, new Uri($"https://127.0.0.1:{port}"), certificate.GetCertHashString());
        }

        public ValueTask DisposeAsync() => haproxy.DisposeAsync();
    }
}

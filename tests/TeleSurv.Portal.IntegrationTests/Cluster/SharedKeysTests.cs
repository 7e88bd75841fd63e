using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Tests.Cluster;

/// <summary>
/// Two portal processes on one PostgreSQL database, each with a home folder of its own as two machines would have:
/// what one issues (session cookie, antiforgery token) the other accepts, because the key ring is in the database,
/// encrypted with the configured certificate.
/// </summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task A_session_and_an_antiforgery_token_issued_by_one_instance_are_accepted_by_the_other()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, TestSchema.None);
        var certificate = CertificateFile.Create();
        try
        {
            var settings = PortalNode.ForDatabase(
                database, ("DataProtection:CertificatePath", certificate.Path), ("DataProtection:CertificatePassword", certificate.Password));
            await using var a = new PortalNode("a", new Dictionary<string, string?>(settings) { ["Demo:SeedOnEmptyDatabase"] = "true" });
            await a.StartAsync();
            await using var b = new PortalNode("b", settings);
            await b.StartAsync();

            var cookies = new CookieContainer();
            using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies };
            using var browser = new HttpClient(handler);

            // The form comes from A (its antiforgery cookie and token), the post goes to B.
            browser.BaseAddress = a.Address;
            var token = await PortalClient.AntiforgeryTokenAsync(browser);
            using (var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["login"] = "ide.bernard",
                ["returnUrl"] = "/",
            }))
            {
                using var signIn = await browser.PostAsync(new Uri(b.Address, "/account/demo-signin"), form);
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
                Assert.Equal("/", signIn.Headers.Location?.OriginalString);
            }

            // Cookies name no port: the session B issued goes to A as well, as through a balancer.
            using (var onA = await browser.GetAsync(new Uri(a.Address, "/alerts")))
            {
                Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
            }

            // A fresh session issued by A, then used on B.
            cookies = new CookieContainer();
            using var handler2 = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies };
            using var second = new HttpClient(handler2) { BaseAddress = a.Address };
            await PortalClient.SignInAsync(second, "ide.bernard");
            using (var onB = await second.GetAsync(new Uri(b.Address, "/alerts")))
            {
                Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
            }

            await using var db = database.CreateContext();
            var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                Assert.Contains("encryptedSecret", key.Xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            File.Delete(certificate.Path);
        }
    }

    [Fact]
    public async Task A_certificate_file_that_does_not_open_stops_the_start_naming_the_setting()
    {
        var certificate = CertificateFile.Create();
        try
        {
            var (exitCode, output, error) = await PortalCommandLine.RunUntilExitAsync(
                new Dictionary<string, string>
                {
                    ["Database__Provider"] = "Sqlite",
                    ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"telesurv-{Guid.NewGuid():N}.db")}",
                    ["DataProtection__CertificatePath"] = certificate.Path,
                    ["DataProtection__CertificatePassword"] = "not the password",
                },
                TimeSpan.FromSeconds(90));

            Assert.Equal(1, exitCode);
            Assert.Contains("DataProtection:CertificatePath", output + error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(certificate.Path);
        }
    }

    private sealed record CertificateFile(string Path, string Password)
    {
        public static CertificateFile Create()
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=TeleSurv data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"telesurv-dp-{Guid.NewGuid():N}.pfx");
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
            return new CertificateFile(path, password);
        }
    }
}

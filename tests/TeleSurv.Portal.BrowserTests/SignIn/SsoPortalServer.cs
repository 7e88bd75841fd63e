using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.BrowserTests.SignIn;

/// <summary>
/// The portal in Auth:Mode=Oidc against npm's <c>oidc-provider</c> (tests/peers/oidc-provider.mjs) run by Node, and
/// Chromium to drive both. The provider's accounts: an IDE nurse and an oncologist whose roles and FINESS numbers the
/// id_token carries, and an accountant with no portal role.
/// </summary>
public sealed class SsoPortalServer : IAsyncLifetime
{
    public const string ClientSecret = "browser-test-secret";

    private readonly BrowserFixture _browser = new();
    private TestDatabase? _database;
    private Process? _provider;

    public PortalAppFactory Factory { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public Uri ProviderAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);

        // Each side names the other in its settings, so both ports are chosen before either starts.
        var portalPort = LoopbackPorts.Free();
        var providerPort = LoopbackPorts.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{portalPort}");
        ProviderAddress = new Uri($"http://127.0.0.1:{providerPort}");

        // FINESS numbers come from the demo data, seeded with a fixed generator seed: read them from a first database.
        var finess = await DemoFinessAsync();
        _provider = await StartProviderAsync(providerPort, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["julie.ide"] = new { name = "Julie Moreau", email = "julie.moreau@ght.test", roles = new List<string> { "TeleSurv.IDE" }, finess = new[] { finess["CHRIV"] } },
            ["marc.onco"] = new { name = "Dr Marc Aubry", email = "marc.aubry@ght.test", roles = new List<string> { "TeleSurv.Oncologue" }, finess = new[] { finess["CHRIV"], finess["CHVAL"] } },
            ["paul.compta"] = new { name = "Paul Comptable", email = "paul@ght.test", roles = new List<string> { "Comptabilité" }, finess = new[] { finess["CHRIV"] } },
        }));

        Factory = new PortalAppFactory(
            _database.WithSettings(
                ("Demo:SeedOnEmptyDatabase", "true"),
                ("Auth:Mode", "Oidc"),
                ("Auth:Oidc:Authority", ProviderAddress.AbsoluteUri.TrimEnd('/')),
                ("Auth:Oidc:RequireHttpsMetadata", "false"),
                ("Auth:Oidc:ClientId", "telesurv-portal"),
                ("Auth:Oidc:ClientSecret", ClientSecret),
                ("Auth:Oidc:Scopes", "email"),
                ("Auth:Oidc:RoleClaim", "roles"),
                ("Auth:Oidc:Roles:Ide:0", "TeleSurv.IDE"),
                ("Auth:Oidc:Roles:Oncologist:0", "TeleSurv.Oncologue"),
                ("Auth:Oidc:EstablishmentClaim", "finess")),
            kestrel: true,
            port: portalPort);
        Assert.Equal(BaseAddress, Factory.ServerAddress);
        await _browser.InitializeAsync();
    }

    /// <summary>A fresh browser context: its own cookies at the portal and at the provider.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "fr-FR",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Rolls the provider's signing key over (tests/peers/oidc-provider.mjs); returns the new key's id.</summary>
    public async Task<string> RotateProviderKeysAsync()
    {
        using var http = new HttpClient { BaseAddress = ProviderAddress };
        using var response = await http.PostAsync(new Uri("/test/rotate-keys", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("kid").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (_provider is { HasExited: false })
        {
            _provider.StandardInput.Close();
            if (!_provider.WaitForExit(5_000))
            {
                _provider.Kill(entireProcessTree: true);
            }
        }

        _provider?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static async Task<Dictionary<string, string>> DemoFinessAsync()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var factory = new PortalAppFactory(database.WithSettings(("Demo:SeedOnEmptyDatabase", "true")));
        factory.StartServer();
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Establishments.ToDictionaryAsync(e => e.Code, e => e.Finess);
    }

    private async Task<Process> StartProviderAsync(int port, string accounts)
    {
        var peers = Path.Combine(RepositoryRoot(), "tests", "peers");
        if (!Directory.Exists(Path.Combine(peers, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"npm's oidc-provider is not installed in {peers}: run tests/run.sh, or npm ci there.");
        }

        var start = new ProcessStartInfo("node", ["oidc-provider.mjs"])
        {
            WorkingDirectory = peers,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PORTAL"] = BaseAddress.AbsoluteUri.TrimEnd('/');
        start.Environment["CLIENT_SECRET"] = ClientSecret;
        start.Environment["ACCOUNTS"] = accounts;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("issuer ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"oidc-provider did not start: {line}");
        }

        return process;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TeleSurv.Portal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TeleSurv.Portal.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>
/// The portal in Auth:Mode=Oidc against a <see cref="TestIdentityProvider"/>, on a fresh database seeded with the
/// demo GHT. Roles come from the <c>roles</c> claim and establishments from the <c>finess</c> claim, unless the
/// fixture is built for the directory.
/// </summary>
public class OidcPortal : IAsyncLifetime
{
    public const string IdeGroup = "TeleSurv.IDE";
    public const string IpaGroup = "TeleSurv.IPA";
    public const string OncologistGroup = "TeleSurv.Oncologue";
    public const string AdminGroup = "TeleSurv.Admin";

    private readonly bool _claimsDecide;
    private readonly string _environment;
    private TestDatabase? _database;

    public OidcPortal()
        : this(claimsDecide: true)
    {
    }

    protected OidcPortal(bool claimsDecide, string environment = "Development")
    {
        _claimsDecide = claimsDecide;
        _environment = environment;
    }

    public TestIdentityProvider Provider { get; private set; } = default!;

    public PortalAppFactory Factory { get; private set; } = default!;

    /// <summary>FINESS numbers of the demo establishments, by code.</summary>
    public IReadOnlyDictionary<string, string> Finess { get; private set; } = new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        var settings = new List<(string, string?)>
        {
            ("Demo:SeedOnEmptyDatabase", "true"),
            ("Auth:Mode", "Oidc"),
            ("Auth:Oidc:Authority", Provider.Issuer.AbsoluteUri),
            ("Auth:Oidc:RequireHttpsMetadata", "false"),
            ("Auth:Oidc:ClientId", TestIdentityProvider.ClientId),
            ("Auth:Oidc:ClientSecret", TestIdentityProvider.ClientSecret),
            ("Auth:Oidc:Scopes", "email"),
        };
        if (AcrValues is { } acrValues)
        {
            settings.Add(("Auth:Oidc:AcrValues", acrValues));
        }

        if (_claimsDecide)
        {
            settings.AddRange(
            [
                ("Auth:Oidc:RoleClaim", "roles"),
                ("Auth:Oidc:Roles:Ide:0", IdeGroup),
                ("Auth:Oidc:Roles:Ipa:0", IpaGroup),
                ("Auth:Oidc:Roles:Oncologist:0", OncologistGroup),
                ("Auth:Oidc:Roles:Admin:0", AdminGroup),
                ("Auth:Oidc:EstablishmentClaim", "finess"),
            ]);
        }

        Factory = new PortalAppFactory(_database.WithSettings([.. settings]), _environment);
        Factory.StartServer();

        await using var scope = Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Finess = await db.Establishments.ToDictionaryAsync(e => e.Code, e => e.Finess);
    }

    public HttpClient CreateClient(string baseAddress = "http://localhost") =>
        Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri(baseAddress),
        });

    /// <summary>
    /// Starts a sign-in at the portal, plays the provider's part with the id_token the test writes for the attempt's
    /// nonce, and brings the browser back to the portal's callback.
    /// </summary>
    public async Task<SignInAttempt> SignInAsync(HttpClient client, Func<string, string> idTokenForNonce, string returnUrl = "/")
    {
        using var challenge = await client.GetAsync(new Uri("/account/signin/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(Provider.Issuer.AbsoluteUri.TrimEnd('/') + "/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);

        var query = QueryHelpers.ParseQuery(authorize.Query);
        var nonce = query["nonce"].ToString();
        var state = query["state"].ToString();
        var code = Provider.IssueCode(query["code_challenge"].ToString(), idTokenForNonce(nonce));
        var callback = await client.GetAsync(new Uri($"/signin-oidc?code={code}&state={Uri.EscapeDataString(state)}", UriKind.Relative));
        return new SignInAttempt(authorize, nonce, state, code, callback);
    }

    /// <summary>The authentication level the portal asks for, and a valid token answers with: outside Development only.</summary>
    public string? AcrValues => _environment != "Development" ? "eidas1" : null;

    /// <summary>A valid id_token for the user, with these groups and FINESS numbers.</summary>
    public Func<string, string> User(string subject, string name, string[] roles, string[] finess, Action<Dictionary<string, object>>? change = null) =>
        nonce =>
        {
            var claims = Provider.ValidClaims(nonce, subject);
            claims["name"] = name;
            claims["email"] = subject + "@ght.test";
            claims["roles"] = roles;
            claims["finess"] = finess;
            if (AcrValues is { } acr)
            {
                claims["acr"] = acr;
            }

            change?.Invoke(claims);
            return Provider.Sign(claims);
        };

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Provider.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The portal with roles and establishments left to the staff directory.</summary>
public sealed class DirectoryOidcPortal() : OidcPortal(claimsDecide: false);

/// <summary>
/// The portal outside Development (Staging: Production would also refuse the test provider's plain-http metadata),
/// reached over https.
/// </summary>
public sealed class StagingOidcPortal() : OidcPortal(claimsDecide: true, environment: "Staging");

public sealed record SignInAttempt(Uri AuthorizeUrl, string Nonce, string State, string Code, HttpResponseMessage Callback) : IDisposable
{
    public void Dispose() => Callback.Dispose();
}

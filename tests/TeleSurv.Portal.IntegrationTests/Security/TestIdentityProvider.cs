using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>
/// An OpenID Connect provider whose tokens the test writes: discovery, key set, token endpoint (checking the
/// client's secret and the PKCE verifier) and end-session endpoint, served by Kestrel on a loopback port so the
/// portal reaches it over real HTTP. Each authorization code is issued by the test with the id_token it answers.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "telesurv-portal";
    public const string ClientSecret = "test-client-secret";

    private static readonly string[] Code = ["code"];
    private static readonly string[] Public = ["public"];
    private static readonly string[] Rs256 = ["RS256"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);

    private TestIdentityProvider(WebApplication app) => _app = app;

    public Uri Issuer { get; private set; } = default!;

    /// <summary>The key the provider publishes and signs with.</summary>
    public RsaSecurityKey SigningKey { get; private set; } = NewKey("provider-key");

    /// <summary>How many times the key set was read (at the portal's start, then at each refresh).</summary>
    public int KeySetRequests { get; private set; }

    /// <summary>Replaces the signing key, as a provider does at a key rollover: the old key is no longer published.</summary>
    public RsaSecurityKey RotateKey()
    {
        var old = SigningKey;
        SigningKey = NewKey("provider-key-" + Guid.NewGuid().ToString("N")[..8]);
        return old;
    }

    /// <summary>When false, a code may be exchanged again (to replay a whole sign-in).</summary>
    public bool CodesAreSingleUse { get; set; } = true;

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestIdentityProvider(app);
        provider.MapEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = new Uri(address.TrimEnd('/'));
        return provider;
    }

    public static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    /// <summary>The claims of a valid id_token for this sign-in attempt (its nonce, this client, valid for an hour).</summary>
    public Dictionary<string, object> ValidClaims(string nonce, string subject) => new()
    {
        ["iss"] = Issuer.AbsoluteUri.TrimEnd('/'),
        ["aud"] = ClientId,
        ["sub"] = subject,
        ["nonce"] = nonce,
        ["iat"] = EpochTime.GetIntDate(DateTime.UtcNow),
        ["exp"] = EpochTime.GetIntDate(DateTime.UtcNow.AddHours(1)),
    };

    public string Sign(IDictionary<string, object> claims, SecurityKey? key = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>Registers a code the token endpoint will exchange for this id_token, if the PKCE verifier matches the challenge.</summary>
    public string IssueCode(string codeChallenge, string idToken)
    {
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new IssuedCode(codeChallenge, idToken);
        return code;
    }

    public int TokenRequests { get; private set; }

    private void MapEndpoints()
    {
        _app.MapGet("/.well-known/openid-configuration", () =>
        {
            var issuer = Issuer.AbsoluteUri.TrimEnd('/');
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["jwks_uri"] = issuer + "/jwks",
                ["end_session_endpoint"] = issuer + "/session/end",
                ["response_types_supported"] = Code,
                ["subject_types_supported"] = Public,
                ["id_token_signing_alg_values_supported"] = Rs256,
            });
        });
        _app.MapGet("/jwks", () =>
        {
            KeySetRequests++;
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(SigningKey.Rsa.ExportParameters(false)) { KeyId = SigningKey.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            TokenRequests++;
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            var code = form["code"].ToString();
            var found = CodesAreSingleUse ? _codes.TryRemove(code, out var issued) : _codes.TryGetValue(code, out issued);
            var verifier = form["code_verifier"].ToString();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (!found || issued!.CodeChallenge != challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            return Results.Json(new { access_token = "access-" + code, token_type = "Bearer", expires_in = 300, id_token = issued.IdToken });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SigningKey.Rsa.Dispose();
    }

    private sealed record IssuedCode(string CodeChallenge, string IdToken);
}

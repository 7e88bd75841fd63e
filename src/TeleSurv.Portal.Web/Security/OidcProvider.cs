using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TeleSurv.Portal.Infrastructure;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// The identity provider's metadata (endpoints, issuer, signing keys), read from its discovery document at start
/// and refreshed by the configuration manager afterwards, so that a key rotation at the provider needs no restart.
/// </summary>
public sealed class OidcProvider(OidcSettings settings) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = settings.MetadataTimeout };
    private ConfigurationManager<OpenIdConnectConfiguration>? _manager;
    private OpenIdConnectConfiguration? _configuration;

    public OidcSettings Settings { get; } = settings;

    /// <summary>The metadata read at start (its endpoints do not change while the portal runs).</summary>
    public OpenIdConnectConfiguration Configuration =>
        _configuration ?? throw new InvalidOperationException("The identity provider's metadata is read at start, before the first request.");

    /// <summary>Origins the browser is sent to (sign-in, sign-out), which the content security policy must allow forms to reach.</summary>
    public IReadOnlyList<string> BrowserOrigins { get; private set; } = [];

    /// <summary>Reads the discovery document; an unreachable or unusable provider stops the portal with a sentence naming the setting.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var address = Settings.MetadataAddress;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            address.AbsoluteUri,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(_http) { RequireHttps = Settings.RequireHttpsMetadata });

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PortalConfigurationException(
                $"{OidcSettings.Section}:Authority: the identity provider's metadata at {address} could not be read ({Innermost(ex)}); check the URL and that the portal can reach it.",
                ex);
        }

        var issuer = configuration.Issuer?.TrimEnd('/');
        if (!string.Equals(issuer, Settings.Authority.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new PortalConfigurationException(
                $"{OidcSettings.Section}:Authority '{Settings.Authority}' differs from the issuer '{configuration.Issuer}' the provider's metadata announces: set the authority to the issuer.");
        }

        foreach (var (name, value) in new[]
                 {
                     ("authorization_endpoint", configuration.AuthorizationEndpoint),
                     ("token_endpoint", configuration.TokenEndpoint),
                     ("jwks_uri", configuration.JwksUri),
                 })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                throw new PortalConfigurationException(
                    $"{OidcSettings.Section}:Authority: the provider's metadata at {address} has no {name}; it is not an OpenID Connect provider the portal can use.");
            }
        }

        if (configuration.SigningKeys.Count == 0)
        {
            throw new PortalConfigurationException(
                $"{OidcSettings.Section}:Authority: the provider's key set ({configuration.JwksUri}) holds no signing key, so no id_token could be verified.");
        }

        _configuration = configuration;
        BrowserOrigins = [.. new[] { configuration.AuthorizationEndpoint, configuration.EndSessionEndpoint }
            .Where(e => Uri.TryCreate(e, UriKind.Absolute, out _))
            .Select(e => new Uri(e!).GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The current metadata with its signing keys, refreshed from the provider when due.</summary>
    public Task<OpenIdConnectConfiguration> GetCurrentAsync(CancellationToken cancellationToken) =>
        (_manager ?? throw new InvalidOperationException("The identity provider's metadata was not loaded.")).GetConfigurationAsync(cancellationToken);

    /// <summary>Asks for fresh keys, for an id_token signed with a key the cached set does not hold.</summary>
    public void RequestRefresh() => _manager?.RequestRefresh();

    public void Dispose() => _http.Dispose();

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception is TaskCanceledException or TimeoutException
            ? "no answer within the time limit"
            : exception.Message.TrimEnd('.');
    }
}

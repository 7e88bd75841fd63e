using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TeleSurv.Portal.Infrastructure;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// Reads the provider's metadata through the handler's own configuration manager at start, so that an unreachable
/// or unusable provider stops the portal with one sentence instead of failing the first sign-in; the handler then
/// refreshes it (and its keys) by itself.
/// </summary>
public sealed class OidcMetadata(OidcSettings settings, IOptionsMonitor<OpenIdConnectOptions> options)
{
    /// <summary>Origins the browser is sent to (sign-in, sign-out), which the content security policy must allow forms to reach.</summary>
    public IReadOnlyList<string> BrowserOrigins { get; private set; } = [];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var address = settings.MetadataAddress;
        var manager = options.Get(OidcEvents.SchemeName).ConfigurationManager
            ?? throw new InvalidOperationException("The OpenID Connect handler has no configuration manager.");
        OpenIdConnectConfiguration configuration;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.MetadataTimeout);
            configuration = await manager.GetConfigurationAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PortalConfigurationException(
                $"{OidcSettings.Section}:Authority: the identity provider's metadata at {address} could not be read ({Innermost(ex)}); check the URL and that the portal can reach it.",
                ex);
        }

        var issuer = configuration.Issuer?.TrimEnd('/');
        if (!string.Equals(issuer, settings.Authority.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new PortalConfigurationException(
                $"{OidcSettings.Section}:Authority '{settings.Authority}' differs from the issuer '{configuration.Issuer}' the provider's metadata announces: set the authority to the issuer.");
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

        BrowserOrigins = [.. new[] { configuration.AuthorizationEndpoint, configuration.EndSessionEndpoint }
            .Where(e => Uri.TryCreate(e, UriKind.Absolute, out _))
            .Select(e => new Uri(e!).GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception is TaskCanceledException or OperationCanceledException or TimeoutException
            ? "no answer within the time limit"
            : exception.Message.TrimEnd('.');
    }
}

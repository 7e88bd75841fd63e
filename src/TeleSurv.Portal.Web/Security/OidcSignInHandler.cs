using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// OpenID Connect's authorization code flow on the framework's OAuth handler, which already does the state, the
/// correlation cookie, PKCE and the code exchange: this adds the nonce, validates the id_token, reads the user's
/// claims and turns them into the portal's own principal through the staff directory.
/// </summary>
public sealed class OidcSignInHandler(
    IOptionsMonitor<OAuthOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OidcProvider provider,
    IdTokenValidator validator,
    ISender sender)
    : OAuthHandler<OAuthOptions>(options, logger, encoder)
{
    public const string SchemeName = "Oidc";
    public const string IdTokenName = "id_token";
    private const string NonceKey = "telesurv.oidc.nonce";

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        // The nonce travels in the protected state, which the correlation cookie ties to this browser.
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        properties.Items[NonceKey] = nonce;
        var url = QueryHelpers.AddQueryString(base.BuildChallengeUrl(properties, redirectUri), "nonce", nonce);
        return provider.Settings.AcrValues is { } acr ? QueryHelpers.AddQueryString(url, "acr_values", acr) : url;
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(
        ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var idToken = tokens.Response?.RootElement.TryGetProperty(IdTokenName, out var value) == true ? value.GetString() : null;
        if (string.IsNullOrEmpty(idToken))
        {
            throw new SignInFailedException(SignInFailure.TokenInvalid);
        }

        if (!properties.Items.Remove(NonceKey, out var nonce) || string.IsNullOrEmpty(nonce))
        {
            throw new SignInFailedException(SignInFailure.StateMismatch);
        }

        var token = await validator.ValidateAsync(idToken, nonce, Context.RequestAborted).ConfigureAwait(false);
        var documents = new List<string> { Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.EncodedPayload)) };
        if (provider.Settings.UseUserInfo)
        {
            documents.Add(await ReadUserInfoAsync(tokens.AccessToken, token.Subject).ConfigureAwait(false));
        }

        var command = ProviderClaims.Parse([.. documents]).ToSignInCommand(provider.Settings);
        var outcome = await sender.Send(command, Context.RequestAborted).ConfigureAwait(false);
        if (outcome.Profile is not { } profile)
        {
            throw new SignInRefusedException(outcome.Refusal!.Value);
        }

        var principal = PortalClaims.CreatePrincipal(
            profile.StaffMemberId, profile.Login, profile.DisplayName, profile.Role, profile.EstablishmentIds, SchemeName);

        // Kept in the session so that signing out can name the session to end at the provider (id_token_hint).
        properties.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = idToken }]);
        return new AuthenticationTicket(principal, properties, Scheme.Name);
    }

    private async Task<string> ReadUserInfoAsync(string? accessToken, string subject)
    {
        var endpoint = provider.Configuration.UserInfoEndpoint;
        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(accessToken))
        {
            throw new SignInFailedException(SignInFailure.ProviderError);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new SignInFailedException(SignInFailure.ProviderError);
        }

        var json = await response.Content.ReadAsStringAsync(Context.RequestAborted).ConfigureAwait(false);

        // OpenID Connect Core §5.3.2: the userinfo answer must be about the id_token's subject.
        if (ProviderClaims.Parse(json).First("sub") != subject)
        {
            throw new SignInFailedException(SignInFailure.TokenInvalid);
        }

        return json;
    }
}

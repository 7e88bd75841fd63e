using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// What the portal adds to the framework's OpenID Connect handler, which does the code flow, PKCE, the state and
/// nonce, the id_token's validation and the key refresh: the authentication level asked for, a fresh login after a
/// sign-out, the checks the handler leaves to the application (a signature on the token even from the token
/// endpoint, the authorized party, a nonce used once), and the staff directory's decision on the user.
/// </summary>
public sealed class OidcEvents(OidcSettings settings, NonceLedger nonces) : OpenIdConnectEvents
{
    public const string SchemeName = "Oidc";
    public const string IdTokenName = "id_token";

    /// <summary>Set by a sign-out, so that the next sign-in in this browser asks the provider for the login again.</summary>
    public const string SignedOutCookie = "telesurv.signed-out";

    private const string IdTokenItem = "telesurv.oidc.id-token";
    private const string UserInfoItem = "telesurv.oidc.userinfo";

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (settings.AcrValues is { } acr)
        {
            context.ProtocolMessage.AcrValues = acr;
        }

        if (context.Request.Cookies.ContainsKey(SignedOutCookie))
        {
            // Whoever comes to this browser after a sign-out proves who they are, even if the provider's session lives on.
            context.ProtocolMessage.Prompt = "login";
        }

        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken;
        if (string.IsNullOrEmpty(idToken))
        {
            context.Fail(new SignInFailedException(SignInFailure.TokenInvalid));
            return Task.CompletedTask;
        }

        var token = new JsonWebToken(idToken);

        // The handler accepts an unsigned id_token from the token endpoint (OpenID Connect Core §3.1.3.7 allows it
        // over TLS); the portal does not, so that a token is always the provider's word.
        if (!token.IsSigned)
        {
            context.Fail(new SignInFailedException(SignInFailure.BadSignature));
            return Task.CompletedTask;
        }

        // Checked here so that it reads as the user's missing identifier, not as the protocol error the handler would raise.
        if (!token.TryGetPayloadValue<string>("sub", out var subject) || string.IsNullOrWhiteSpace(subject))
        {
            context.Fail(new SignInFailedException(SignInFailure.MissingLogin));
            return Task.CompletedTask;
        }

        // OpenID Connect Core §3.1.3.7 (4, 5): a token for several audiences must name this client as its authorized party.
        if (token.Audiences.Count() > 1 && (!token.TryGetPayloadValue<string>("azp", out var azp) || azp != settings.ClientId))
        {
            context.Fail(new SignInFailedException(SignInFailure.WrongAudience));
            return Task.CompletedTask;
        }

        // acr_values is a request the provider may not honour (OpenID Connect Core §3.1.2.1): the token must say, in
        // its acr, that the user signed in at one of the levels asked for (e.g. eidas1 at Pro Santé Connect).
        if (settings.AcrValues is { } wanted
            && (!token.TryGetPayloadValue<string>("acr", out var acr)
                || !wanted.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(acr, StringComparer.Ordinal)))
        {
            context.Fail(new SignInFailedException(SignInFailure.WeakAuthentication));
            return Task.CompletedTask;
        }

        context.HttpContext.Items[IdTokenItem] = idToken;
        return Task.CompletedTask;
    }

    public override Task UserInformationReceived(UserInformationReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Items[UserInfoItem] = context.User.RootElement.GetRawText();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs once the handler has checked everything (state, token, nonce, userinfo): only then is the nonce spent and
    /// the staff directory asked, so that no refused attempt creates or changes a member of staff.
    /// </summary>
    public override async Task TicketReceived(TicketReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var principal = await PortalPrincipalAsync(context).ConfigureAwait(false);
            context.Principal = principal;
            context.Properties!.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = (string)context.HttpContext.Items[IdTokenItem]! }]);
            context.Response.Cookies.Delete(SignedOutCookie);
        }
        catch (Exception ex) when (ex is SignInFailedException or SignInRefusedException)
        {
            await AuthenticationSetup.RefuseSignInAsync(context.HttpContext, ex).ConfigureAwait(false);
            context.HandleResponse();
        }
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await AuthenticationSetup.RefuseSignInAsync(context.HttpContext, context.Failure).ConfigureAwait(false);
        context.HandleResponse();
    }

    public override Task RedirectToIdentityProviderForSignOut(RedirectContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.ProtocolMessage.IssuerAddress))
        {
            // The provider offers no end-session endpoint: the portal's own session is all there is to end.
            context.Response.Redirect(context.Request.PathBase + AuthenticationSetup.SignedOutPath);
            context.HandleResponse();
            return Task.CompletedTask;
        }

        // RP-Initiated Logout 1.0 §2: names the client, for providers that need it beside (or instead of) the hint.
        context.ProtocolMessage.ClientId = settings.ClientId;
        return Task.CompletedTask;
    }

    /// <summary>The signed-out page is also reached without the provider (no state): it is then simply shown.</summary>
    public override Task SignedOutCallbackRedirect(RemoteSignOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Properties is null)
        {
            context.SkipHandler();
        }

        return Task.CompletedTask;
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PortalPrincipalAsync(TicketReceivedContext context)
    {
        if (context.HttpContext.Items[IdTokenItem] is not string idToken)
        {
            throw new SignInFailedException(SignInFailure.TokenInvalid);
        }

        var token = new JsonWebToken(idToken);
        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || string.IsNullOrEmpty(nonce))
        {
            throw new SignInFailedException(SignInFailure.NonceMismatch);
        }

        // The handler ties the nonce to this browser's cookie; a whole sign-in captured with its cookies and replayed
        // would pass that check, so each nonce serves once.
        if (!nonces.TryUse(nonce, token.ValidTo + settings.ClockSkew))
        {
            throw new SignInFailedException(SignInFailure.NonceReplayed);
        }

        var documents = new List<string> { Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.EncodedPayload)) };
        if (settings.UseUserInfo)
        {
            documents.Add(context.HttpContext.Items[UserInfoItem] as string ?? throw new SignInFailedException(SignInFailure.ProviderError));
        }

        var command = ProviderClaims.Parse([.. documents]).ToSignInCommand(settings);
        var sender = context.HttpContext.RequestServices.GetRequiredService<ISender>();
        var outcome = await sender.Send(command, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (outcome.Profile is not { } profile)
        {
            throw new SignInRefusedException(outcome.Refusal!.Value);
        }

        var principal = PortalClaims.CreatePrincipal(
            profile.StaffMemberId, profile.Login, profile.DisplayName, profile.Role, profile.EstablishmentIds, SchemeName);
        if (token.TryGetPayloadValue<string>("sid", out var providerSession) && !string.IsNullOrEmpty(providerSession) && providerSession.Length <= 256)
        {
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(PortalClaims.ProviderSession, providerSession));
        }

        return principal;
    }
}

/// <summary>
/// Nonces already used for a sign-in, kept until their id_token expires: an id_token presented a second time is
/// refused even if its sign-in attempt (state, correlation and nonce cookies) was captured and replayed as a whole.
/// </summary>
public sealed class NonceLedger(TimeProvider timeProvider)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    /// <summary>False when the nonce was used before; otherwise records it until <paramref name="keepUntil"/>.</summary>
    public bool TryUse(string nonce, DateTimeOffset keepUntil)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (key, expiry) in _used)
        {
            if (expiry < now)
            {
                _used.TryRemove(key, out _);
            }
        }

        return _used.TryAdd(nonce, keepUntil);
    }
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// Checks an id_token as OpenID Connect Core §3.1.3.7 asks: signature against the provider's key set, issuer,
/// audience (and authorized party when there are several audiences), lifetime, and the nonce this browser's
/// sign-in attempt sent, which may be used once only.
/// </summary>
public sealed class IdTokenValidator(OidcProvider provider, NonceLedger nonces)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <returns>The validated token; its payload holds the user's claims.</returns>
    public async Task<JsonWebToken> ValidateAsync(string idToken, string expectedNonce, CancellationToken cancellationToken)
    {
        var result = await ValidateOnceAsync(idToken, cancellationToken).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have rotated its keys since they were fetched: fetch them again once.
            provider.RequestRefresh();
            result = await ValidateOnceAsync(idToken, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            throw new SignInFailedException(Classify(result.Exception), result.Exception);
        }

        var token = (JsonWebToken)result.SecurityToken;
        var audiences = token.Audiences.ToList();
        if (audiences.Count > 1 && (!token.TryGetPayloadValue<string>("azp", out var azp) || azp != provider.Settings.ClientId))
        {
            throw new SignInFailedException(SignInFailure.WrongAudience);
        }

        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || !FixedTimeEquals(nonce, expectedNonce))
        {
            throw new SignInFailedException(SignInFailure.NonceMismatch);
        }

        if (!nonces.TryUse(nonce, token.ValidTo + provider.Settings.ClockSkew))
        {
            throw new SignInFailedException(SignInFailure.NonceReplayed);
        }

        return token;
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string idToken, CancellationToken cancellationToken)
    {
        var configuration = await provider.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = provider.Settings.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ClockSkew = provider.Settings.ClockSkew,
            TryAllIssuerSigningKeys = false,
        };
        return await _handler.ValidateTokenAsync(idToken, parameters).ConfigureAwait(false);
    }

    private static SignInFailure Classify(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => SignInFailure.WrongAudience,
        SecurityTokenInvalidIssuerException => SignInFailure.WrongIssuer,
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException
            or SecurityTokenInvalidLifetimeException => SignInFailure.Expired,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => SignInFailure.BadSignature,
        _ => SignInFailure.TokenInvalid,
    };

    private static bool FixedTimeEquals(string actual, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}

/// <summary>
/// Nonces already used for a sign-in, kept until their id_token expires: an id_token presented a second time is
/// refused even if its sign-in attempt (state and correlation cookie) was captured and replayed as a whole.
/// </summary>
public sealed class NonceLedger(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

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

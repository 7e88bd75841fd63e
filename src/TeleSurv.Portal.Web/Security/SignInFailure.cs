using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TeleSurv.Portal.Application.Staff;

namespace TeleSurv.Portal.Web.Security;

/// <summary>Why a single sign-on attempt was refused; each has its own explanation on the sign-in failure page.</summary>
public enum SignInFailure
{
    /// <summary>Anything not named below.</summary>
    Failed,

    /// <summary>The callback's state is missing, forged, or belongs to another browser (its correlation cookie is absent).</summary>
    StateMismatch,

    /// <summary>The provider answered with an error, or the code could not be exchanged for tokens.</summary>
    ProviderError,

    /// <summary>The provider's answer carries no id_token, or one that is not a valid JWT.</summary>
    TokenInvalid,

    /// <summary>The id_token was issued for another application.</summary>
    WrongAudience,

    /// <summary>The id_token was issued by another provider.</summary>
    WrongIssuer,

    /// <summary>The id_token has expired or is not valid yet.</summary>
    Expired,

    /// <summary>The id_token's signature does not match any key of the provider.</summary>
    BadSignature,

    /// <summary>The id_token answers another sign-in attempt than this browser's.</summary>
    NonceMismatch,

    /// <summary>The id_token was already used for a sign-in.</summary>
    NonceReplayed,

    /// <summary>The id_token does not carry the claim that identifies the user.</summary>
    MissingLogin,

    /// <summary>The provider signed the user in at another level (<c>acr</c>) than the one the portal asks for.</summary>
    WeakAuthentication,
}

/// <summary>A refused sign-in, carrying only its reason: the message is logged, so it holds no token content and no personal data.</summary>
public sealed class SignInFailedException : Exception
{
    public SignInFailedException()
        : this(SignInFailure.Failed)
    {
    }

    public SignInFailedException(string message)
        : base(message)
    {
    }

    public SignInFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SignInFailedException(SignInFailure failure, Exception? innerException = null)
        : base($"Single sign-on refused: {failure}.", innerException) => Failure = failure;

    public SignInFailure Failure { get; }
}

/// <summary>The provider authenticated the user, but the portal has no access to give them.</summary>
public sealed class SignInRefusedException : Exception
{
    public SignInRefusedException()
        : this(SignInRefusal.NoRole)
    {
    }

    public SignInRefusedException(string message)
        : base(message)
    {
    }

    public SignInRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SignInRefusedException(SignInRefusal refusal)
        : base($"Single sign-on without access to the portal: {refusal}.") => Refusal = refusal;

    public SignInRefusal Refusal { get; }
}

public static class SignInFailureCodes
{
    /// <summary>The kebab-case code carried in the failure page's address (e.g. <c>wrong-audience</c>).</summary>
    public static string ToCode(this SignInFailure failure) => ToKebab(failure.ToString());

    public static string ToCode(this SignInRefusal refusal) => ToKebab(refusal.ToString());

    public static SignInFailure? ParseFailure(string? code) =>
        Enum.GetValues<SignInFailure>().Cast<SignInFailure?>().FirstOrDefault(f => f!.Value.ToCode() == code);

    public static SignInRefusal? ParseRefusal(string? code) =>
        Enum.GetValues<SignInRefusal>().Cast<SignInRefusal?>().FirstOrDefault(r => r!.Value.ToCode() == code);

    private static string ToKebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));
}

public static class SignInFailures
{
    /// <summary>The reason a failure of the OpenID Connect handler, or of the portal's own checks, is shown with.</summary>
    public static SignInFailure Classify(Exception? failure) => failure switch
    {
        SignInFailedException failed => failed.Failure,
        SecurityTokenInvalidAudienceException => SignInFailure.WrongAudience,
        SecurityTokenInvalidIssuerException => SignInFailure.WrongIssuer,
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException
            or SecurityTokenInvalidLifetimeException => SignInFailure.Expired,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => SignInFailure.BadSignature,
        OpenIdConnectProtocolInvalidNonceException => SignInFailure.NonceMismatch,
        SecurityTokenException or SecurityTokenArgumentException => SignInFailure.TokenInvalid,

        // The handler's own checks of the callback: a state that does not unprotect, or no matching correlation cookie.
        { Message: var message } when message.Contains("Correlation failed", StringComparison.Ordinal)
            || message.Contains("message.State", StringComparison.Ordinal) => SignInFailure.StateMismatch,
        _ => SignInFailure.ProviderError,
    };
}

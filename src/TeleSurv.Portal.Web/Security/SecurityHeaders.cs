using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// Headers every answer of the portal carries: a content security policy that runs no inline script but the one
/// the page marks with this request's nonce (Blazor's import map), no framing, no MIME sniffing, no referrer (the
/// patient's personal link is in its address), and no caching of pages that may show patient data.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "telesurv.csp-nonce";

    /// <summary>This request's script nonce, for the few inline scripts the framework renders.</summary>
    public static string CspNonce(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceItem] is not string nonce)
        {
            nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceItem] = nonce;
        }

        return nonce;
    }

    public static IServiceCollection AddPortalSecurityHeaders(this IServiceCollection services) =>
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = false;
        });

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        string[] origins = ["'self'", .. app.Services.GetService<OidcMetadata>()?.BrowserOrigins ?? []];
        var formTargets = string.Join(' ', origins);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                // Read at the last moment: an error page re-executed for this request renders with the same nonce.
                Apply(context, formTargets);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Apply(HttpContext context, string formTargets)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'self'; " +
            $"script-src 'self' 'nonce-{context.CspNonce()}'; " +
            // Blazor's reconnection display and a few progress bars set styles inline; no script runs from a style.
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
            // Chromium also checks the redirects that follow a form post: signing in and out goes to the provider.
            $"form-action {formTargets}; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!headers.ContainsKey(HeaderNames.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Infrastructure;
using TeleSurv.Portal.Web.Api;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// The framework's rate limiter on the patient's links (<c>/p/{token}</c> and the patient API): per client address,
/// and per token so that a link copied to many machines is limited too. Past the limit: 429 with Retry-After, counted
/// in the audit's summary of the address's burst of refusals (<see cref="RefusedLinkBursts"/>).
/// </summary>
public static class PatientLinkRateLimits
{
    public const string Section = "RateLimits:PatientLinks";

    public static IServiceCollection AddPatientLinkRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var perAddress = ConfigurationNumbers.Read(section, "PermitsPerAddress", 120, 1, 100_000);
        var perToken = ConfigurationNumbers.Read(section, "PermitsPerToken", 120, 1, 100_000);
        var window = TimeSpan.FromSeconds(ConfigurationNumbers.Read(section, "WindowSeconds", 60, 1, 3600));

        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                // Only patient links are limited: each request turned away counts in its address's burst summary.
                context.HttpContext.RequestServices.GetRequiredService<RefusedLinkBursts>().CountRateLimited(SignInAudit.ClientAddress(context.HttpContext));
                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsPatientLink(context.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + (SignInAudit.ClientAddress(context) ?? "unknown"), _ => Window(perAddress, window))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsPatientLink(context.Request.Path) && Token(context) is { } token
                    ? RateLimitPartition.GetFixedWindowLimiter("token:" + token, _ => Window(perToken, window))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
        });
    }

    private static bool IsPatientLink(PathString path) =>
        path.StartsWithSegments("/p", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(PatientApi.BasePath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The link's token, kept in the limiter's memory only as a hash.</summary>
    private static string? Token(HttpContext context)
    {
        string? token = null;
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/p/", StringComparison.OrdinalIgnoreCase))
        {
            token = path[3..].Split('/')[0];
        }
        else if (context.Request.Headers.Authorization.ToString() is { Length: > 7 } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header[7..].Trim();
        }

        return string.IsNullOrEmpty(token) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

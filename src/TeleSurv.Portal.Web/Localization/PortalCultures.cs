using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace TeleSurv.Portal.Web.Localization;

/// <summary>French first, English second; the choice persists in a cookie.</summary>
public static class PortalCultures
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static readonly IReadOnlyList<CultureInfo> Supported = [French, English];

    public const string SwitchPath = "/culture/set";

    public static string SwitchUrl(string culture, string returnUrl) =>
        $"{SwitchPath}?culture={Uri.EscapeDataString(culture)}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static RequestLocalizationOptions CreateOptions()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(French),
            SupportedCultures = [.. Supported],
            SupportedUICultures = [.. Supported],
        };
        // The user's explicit choice (cookie) wins; the browser's language only decides a first visit.
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        return options;
    }

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SwitchPath, (HttpContext context, string? culture, string? returnUrl) =>
        {
            var chosen = Supported.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Unsupported language",
                    detail: $"culture must be one of: {string.Join(", ", Supported.Select(c => c.Name))}.");
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(Security.AccountEndpoints.IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();
        return endpoints;
    }
}

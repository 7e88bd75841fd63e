using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using TeleSurv.Portal.Application;
using TeleSurv.Portal.Infrastructure;
using TeleSurv.Portal.Infrastructure.Auditing;
using TeleSurv.Portal.Infrastructure.Seeding;
using TeleSurv.Portal.Web.Api;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Audit;
using TeleSurv.Portal.Web.Components.Enrolment;
using TeleSurv.Portal.Web.Components.WarmUp;
using TeleSurv.Portal.Web.Localization;
using TeleSurv.Portal.Web.Security;

namespace TeleSurv.Portal.Web.Hosting;

/// <summary>The portal's wiring, kept out of Program.cs.</summary>
public static class PortalHost
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddApplication();
        services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "TeleSurv.Portal.Web.Messaging";
            // A handler per request, as the behaviours: handlers hold no state, but a Blazor circuit is one long scope.
            options.ServiceLifetime = ServiceLifetime.Transient;
            options.Assemblies = [typeof(Application.DependencyInjection)];
        });
        services.AddInfrastructure(builder.Configuration, builder.Environment);
        services.AddClinicalRules(builder.Configuration);
        services.AddAdtInbound(builder.Configuration);
        services.AddPortalAuthentication(builder.Configuration, builder.Environment);
        services.AddPortalSecurityHeaders();
        services.AddPortalForwardedHeaders(builder.Configuration);
        services.AddPatientLinkRateLimits(builder.Configuration);
        services.AddPortalTelemetry(builder.Configuration);
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = PrerenderedReads.HubMessageLimit);
        services.AddPortalMudBlazor();
        services.AddSingleton<ThemeStylesheets>();
        services.AddSingleton<PrerenderHandover>();
        services.AddScoped<PrerenderedReads>();
        // Secure over https; plain http stays possible for a test or a local run.
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Applies migrations and, when configured, loads the demo data into an empty database, before the first request.</summary>
    public static async Task PreparePortalAsync(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        // Reading the audit chain keys now stops a portal without one here, not at its first audited request.
        _ = app.Services.GetRequiredService<AuditChainKeys>();
        await app.Services.PreparePortalDatabaseAsync(stopping).ConfigureAwait(false);
        await app.Services.PrepareSignInAsync(stopping).ConfigureAwait(false);

        var demo = app.Configuration.GetSection(DemoSeedOptions.SectionName);
        if (demo.GetValue<bool>("SeedOnEmptyDatabase"))
        {
            var options = demo.Get<DemoSeedOptions>() ?? new DemoSeedOptions();
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new PortalConfigurationException(string.Join(" ", problems));
            }

            await app.Services.SeedDemoDataAsync(options, stopping).ConfigureAwait(false);
        }

        await app.Services.WarmUpScreensAsync(stopping).ConfigureAwait(false);
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();

        // First: HSTS, the cookies' Secure flag, redirects and the audit's client address read the forwarded values.
        app.UseForwardedHeaders();
        if (!development)
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                CreateScopeForErrors = true,
                StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }

        app.UseSecurityHeaders();

        // Before the status pages: a 429 stays a short answer with its Retry-After, not a page.
        app.UseRateLimiter();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseErrorPagesAsReads();
        app.UseRequestLocalization(PortalCultures.CreateOptions());
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        if (!development)
        {
            app.UseAntiforgeryRefusal();
        }

        app.MapStaticAssets();
        app.MapPortalHealth();
        app.MapCultureSwitch();
        app.MapThemeStylesheets();
        app.MapAccountEndpoints();
        app.MapPatientApi();
        app.MapEnrolmentExports();
        app.MapAuditExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// An error or status page re-executed for a refused form post is rendered as a read: it does not read the form
    /// again, which would throw a second time and leave a bare 500.
    /// </summary>
    private static IApplicationBuilder UseErrorPagesAsReads(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
                context.Request.ContentType = null;
                context.Features.Set<IAntiforgeryValidationFeature>(null);
            }

            return next(context);
        });

    /// <summary>A form post whose antiforgery token is missing or wrong is a 400 with the error page, whatever endpoint it aimed at.</summary>
    private static IApplicationBuilder UseAntiforgeryRefusal(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                && context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
            {
                throw new BadHttpRequestException("The form's antiforgery token is missing or invalid.", StatusCodes.Status400BadRequest);
            }

            return next(context);
        });
}

using TeleSurv.Portal.Application;
using TeleSurv.Portal.Infrastructure;
using TeleSurv.Portal.Infrastructure.Seeding;
using TeleSurv.Portal.Web.Api;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Audit;
using TeleSurv.Portal.Web.Components.Enrolment;
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
        services.AddInfrastructure(builder.Configuration, builder.Environment);
        services.AddClinicalRules(builder.Configuration);
        services.AddAdtInbound(builder.Configuration);
        services.AddPortalAuthentication(builder.Configuration, builder.Environment);
        services.AddPortalSecurityHeaders();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntiforgery();
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Applies migrations and, when configured, loads the demo data into an empty database, before the first request.</summary>
    public static async Task PreparePortalAsync(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
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
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(PortalCultures.CreateOptions());
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapPortalHealth();
        app.MapCultureSwitch();
        app.MapAccountEndpoints();
        app.MapPatientApi();
        app.MapEnrolmentExports();
        app.MapAuditExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

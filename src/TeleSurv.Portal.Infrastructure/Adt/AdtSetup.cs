using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Infrastructure.Adt;
using TeleSurv.Portal.Infrastructure.Clinical;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure;

public static class AdtSetup
{
    /// <summary>
    /// Inbound ADT: the HL7 codec behind <see cref="IAdtMessageCodec"/>, <c>Adt:PamFrance</c>, and the MLLP listener
    /// when <c>Adt:Listener:Enabled</c> is true. Settings are checked here; a wrong one stops the portal with a
    /// <see cref="PortalConfigurationException"/> naming it.
    /// </summary>
    public static IServiceCollection AddAdtInbound(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var adt = configuration.GetSection(AdtOptions.SectionName);
        var problems = new List<string>();
        foreach (var unknown in adt.GetChildren().Where(c => c.Key is not (nameof(AdtOptions.PamFrance) or AdtListenerOptions.SectionName)))
        {
            problems.Add($"{unknown.Path} is not a setting: the settings of {AdtOptions.SectionName} are {nameof(AdtOptions.PamFrance)} and the {AdtListenerOptions.SectionName} section.");
        }

        var pamFrance = adt[nameof(AdtOptions.PamFrance)];
        var pamFranceValue = true;
        if (pamFrance is not null && !bool.TryParse(pamFrance.Trim(), out pamFranceValue))
        {
            problems.Add($"{AdtOptions.SectionName}:{nameof(AdtOptions.PamFrance)} is \"{pamFrance}\", which is not true or false.");
        }

        var listenerSection = adt.GetSection(AdtListenerOptions.SectionName);
        var listener = new AdtListenerOptions();
        var bindProblems = ClinicalSettings.Bind(listenerSection, listener);
        problems.AddRange(bindProblems);
        if (bindProblems.Count == 0)
        {
            problems.AddRange(ClinicalSettings.Qualify(listenerSection, listener, listener.Validate()));
        }

        if (problems.Count > 0)
        {
            throw new PortalConfigurationException(string.Join(" ", problems));
        }

        services.Configure<AdtOptions>(o => o.PamFrance = pamFranceValue);
        services.Configure<AdtListenerOptions>(target => ClinicalSettings.Bind(listenerSection, target));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new Hl7AdtCodec(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAdtMessageCodec>(sp => sp.GetRequiredService<Hl7AdtCodec>());
        services.TryAddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var writers = database.TryGetProvider(out var provider) && provider == DatabaseProvider.Postgres ? AdtGroupCommit.ConcurrentWriters : 1;
            return new AdtGroupCommit(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<ILogger<AdtGroupCommit>>(), writers);
        });
        services.TryAddSingleton<AdtMllpHandler>();
        if (listener.Enabled)
        {
            services.AddHostedService<AdtListenerService>();
        }

        return services;
    }
}

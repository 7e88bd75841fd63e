using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Infrastructure.Clinical;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Oru;

public static class OruSetup
{
    /// <summary>
    /// Binds <see cref="OruOptions"/> from the <c>Oru</c> section, strictly (a misspelt key stops the portal), and
    /// registers the ORU message writer, the "oru" health check and, when <c>Oru:Enabled</c> and
    /// <c>Oru:SenderEnabled</c>, the outbox sender over MLLP (on PostgreSQL, on every instance, one sending at a time); when <c>Oru:Enabled</c> and <c>Oru:WeeklySummary</c>, the weekly-summary job.
    /// </summary>
    /// <exception cref="PortalConfigurationException">A setting is wrong; the message names it.</exception>
    public static IServiceCollection AddOru(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(OruOptions.SectionName);
        var options = new OruOptions();
        var problems = Bind(section, options);
        if (problems.Count == 0)
        {
            problems.AddRange(ClinicalSettings.Qualify(section, options, options.Validate()));
        }

        if (problems.Count > 0)
        {
            throw new PortalConfigurationException(string.Join(" ", problems));
        }

        services.Configure<OruOptions>(target => Bind(section, target));
        services.AddSingleton<IOruMessageWriter, OruMessageEncoder>();
        services.AddHealthChecks().AddCheck<OruOutboxHealthCheck>(OruOutboxHealthCheck.Name);
        if (options.Enabled && options.SenderEnabled)
        {
            services.AddSingleton<IOruChannel, MllpOruChannel>();
            services.AddSingleton<IOruSenderLease>(provider =>
                provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.GetProvider() == DatabaseProvider.Postgres
                    ? ActivatorUtilities.CreateInstance<PostgresOruSenderLease>(provider)
                    : new SingleInstanceOruSenderLease());
            services.AddHostedService<OruOutboxSender>();
        }

        if (options.Enabled && options.WeeklySummary)
        {
            services.AddHostedService<BackgroundJobs.WeeklySummaryJob>();
        }

        return services;
    }

    /// <summary>The <c>Oru</c> section and its <c>Establishments:&lt;code&gt;</c> sections, each validated; returns the problems met.</summary>
    private static List<string> Bind(IConfigurationSection section, OruOptions target)
    {
        var problems = ClinicalSettings.Bind(section, target, nameof(OruOptions.Establishments));
        if (section.GetSection(nameof(OruOptions.Establishments)).Value is not null)
        {
            problems.Add($"{section.Path}:{nameof(OruOptions.Establishments)} is a section (Establishments:<code>:IppOid), not a single value.");
        }

        foreach (var establishment in section.GetSection(nameof(OruOptions.Establishments)).GetChildren())
        {
            var settings = new OruEstablishmentOptions();
            var found = ClinicalSettings.Bind(establishment, settings);
            if (found.Count == 0)
            {
                found.AddRange(ClinicalSettings.Qualify(establishment, settings, settings.Validate()));
            }

            problems.AddRange(found);
            target.Establishments[establishment.Key] = settings;
        }

        return problems;
    }
}

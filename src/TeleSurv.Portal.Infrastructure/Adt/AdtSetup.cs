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
        foreach (var unknown in adt.GetChildren().Where(c => c.Key is not (nameof(AdtOptions.PamFrance) or nameof(AdtOptions.AcceptVersionsBefore25)
            or nameof(AdtOptions.ErrorQueueKeptPerSenderPerHour) or nameof(AdtOptions.ErrorQueueRetentionDays) or AdtListenerOptions.SectionName)))
        {
            problems.Add($"{unknown.Path} is not a setting: the settings of {AdtOptions.SectionName} are {nameof(AdtOptions.PamFrance)}, {nameof(AdtOptions.AcceptVersionsBefore25)}, " +
                $"{nameof(AdtOptions.ErrorQueueKeptPerSenderPerHour)}, {nameof(AdtOptions.ErrorQueueRetentionDays)} and the {AdtListenerOptions.SectionName} section.");
        }

        var pamFranceValue = Flag(adt, nameof(AdtOptions.PamFrance), true, problems);
        var olderVersions = Flag(adt, nameof(AdtOptions.AcceptVersionsBefore25), false, problems);
        var keptPerHour = Number(adt, nameof(AdtOptions.ErrorQueueKeptPerSenderPerHour), 100, 0, 1_000_000, problems);
        var retentionDays = Number(adt, nameof(AdtOptions.ErrorQueueRetentionDays), 90, 1, 36500, problems);

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

        services.Configure<AdtOptions>(o =>
        {
            o.PamFrance = pamFranceValue;
            o.AcceptVersionsBefore25 = olderVersions;
            o.ErrorQueueKeptPerSenderPerHour = keptPerHour;
            o.ErrorQueueRetentionDays = retentionDays;
        });
        services.AddHostedService<AdtErrorQueueRetentionJob>();
        services.Configure<AdtListenerOptions>(target => ClinicalSettings.Bind(listenerSection, target));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new Hl7AdtCodec(sp.GetRequiredService<TimeProvider>(), limits: listener.FieldLimits));
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
            services.TryAddSingleton<AdtListenerHealthCheck>();
            services.AddHealthChecks().AddCheck<AdtListenerHealthCheck>(AdtListenerHealthCheck.Name);
        }

        return services;
    }

    private static int Number(IConfigurationSection section, string name, int byDefault, int min, int max, List<string> problems)
    {
        var text = section[name];
        if (text is null)
        {
            return byDefault;
        }

        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{AdtOptions.SectionName}:{name} is \"{text}\", which is not a whole number from {min} to {max}.");
        return byDefault;
    }

    private static bool Flag(IConfigurationSection section, string name, bool byDefault, List<string> problems)
    {
        var text = section[name];
        if (text is null)
        {
            return byDefault;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        problems.Add($"{AdtOptions.SectionName}:{name} is \"{text}\", which is not true or false.");
        return byDefault;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Infrastructure.BackgroundJobs;
using TeleSurv.Portal.Infrastructure.Clinical;

namespace TeleSurv.Portal.Infrastructure;

public static class ClinicalRulesSetup
{
    public const string SectionName = "Clinical";

    /// <summary>
    /// Binds the clinical settings from the <c>Clinical</c> section — <c>AlertRules</c>, <c>Sla</c>,
    /// <c>Schedule</c>, <c>PatientLinks</c>, <c>NonResponder</c> — and registers the non-responder job unless
    /// <c>Clinical:NonResponder:JobEnabled</c> is false. Missing settings keep the domain's defaults. The settings
    /// are checked here, at start-up: a wrong one stops the portal with a <see cref="PortalConfigurationException"/>
    /// naming it.
    /// </summary>
    public static IServiceCollection AddClinicalRules(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var clinical = configuration.GetSection(SectionName);
        var problems = new List<string>();
        var known = new[]
        {
            AlertRuleOptions.SectionName, SlaOptions.SectionName, ScheduleOptions.SectionName,
            PatientLinkOptions.SectionName, NonResponderOptions.SectionName,
        };
        foreach (var unknown in clinical.GetChildren().Where(c => !known.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{unknown.Path} is not a clinical setting: the sections of {SectionName} are {string.Join(", ", known)}.");
        }

        Register<AlertRuleOptions>(services, clinical.GetSection(AlertRuleOptions.SectionName), o => o.Validate(), problems);
        Register<SlaOptions>(services, clinical.GetSection(SlaOptions.SectionName), o => o.Validate(), problems);
        Register<ScheduleOptions>(services, clinical.GetSection(ScheduleOptions.SectionName), o => o.Validate(), problems);
        Register<PatientLinkOptions>(services, clinical.GetSection(PatientLinkOptions.SectionName), o => o.Validate(), problems);
        var nonResponder = Register<NonResponderOptions>(
            services, clinical.GetSection(NonResponderOptions.SectionName), o => o.Validate(), problems);

        if (problems.Count > 0)
        {
            throw new PortalConfigurationException(string.Join(" ", problems));
        }

        if (nonResponder.JobEnabled)
        {
            services.AddHostedService<NonResponderJob>();
        }

        return services;
    }

    private static TOptions Register<TOptions>(
        IServiceCollection services, IConfigurationSection section, Func<TOptions, IEnumerable<string>> validate, List<string> problems)
        where TOptions : class, new()
    {
        var options = new TOptions();
        var bindProblems = ClinicalSettings.Bind(section, options);
        problems.AddRange(bindProblems);
        if (bindProblems.Count == 0)
        {
            problems.AddRange(ClinicalSettings.Qualify(section, options, validate(options)));
        }

        // Bound again into the instance the options system creates: the values were checked just above.
        services.Configure<TOptions>(target => ClinicalSettings.Bind(section, target));
        return options;
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>
/// Fills an empty database with the demo GHT: establishments, staff, patients, enrollments, eight weeks and more of
/// questionnaires graded by the domain, the alerts its rules engine raises, and the nurses' work on them. Every
/// date is relative to the seed day, and every draw comes from a fixed seed, so one day's runs give the same data.
/// </summary>
public sealed partial class DemoDataSeeder
{
    /// <summary>Load-data patients generated, graded and written together.</summary>
    private const int LoadChunk = 500;

    private readonly IDbContextFactory<PortalDbContext> _dbContextFactory;
    private readonly TimeProvider _timeProvider;
    private readonly AlertRuleOptions _alertRules;
    private readonly SlaOptions _sla;
    private readonly ScheduleOptions _schedule;
    private readonly ILogger _logger;

    /// <param name="alertRules">The alert rules as the portal is configured; the defaults when null.</param>
    /// <param name="sla">The SLA targets as configured; the defaults when null.</param>
    /// <param name="schedule">The schedule settings as configured; the defaults when null.</param>
    public DemoDataSeeder(
        IDbContextFactory<PortalDbContext> dbContextFactory,
        TimeProvider timeProvider,
        AlertRuleOptions? alertRules = null,
        SlaOptions? sla = null,
        ScheduleOptions? schedule = null,
        ILogger<DemoDataSeeder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dbContextFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _dbContextFactory = dbContextFactory;
        _timeProvider = timeProvider;
        _alertRules = alertRules ?? new AlertRuleOptions();
        _sla = sla ?? new SlaOptions();
        _schedule = schedule ?? new ScheduleOptions();
        _logger = logger ?? NullLogger<DemoDataSeeder>.Instance;
    }

    /// <summary>Inserts the demo data, unless the database already has establishments (then it does nothing).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public async Task<DemoSeedResult> SeedAsync(DemoSeedOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid demo seed options: " + string.Join(" ", problems), nameof(options));
        }

        var stopwatch = Stopwatch.StartNew();
        var db = await _dbContextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.Establishments.AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                LogAlreadySeeded(_logger);
                return DemoSeedResult.NotSeeded(stopwatch.Elapsed);
            }

            var context = new SeedContext(
                options.RandomSeed, _timeProvider.GetUtcNow().UtcDateTime, new SeedRules(_alertRules, _sla, _schedule),
                isLoadData: options.LoadPatients > 0);
            db.ChangeTracker.AutoDetectChangesEnabled = false;

            // One transaction: a seed that fails half-way leaves the database empty, to be seeded again at the next start.
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var writer = new SeedWriter(db, options.BatchSize);
                var tally = new Tally();
                try
                {
                    await WriteOrganisationAsync(writer, context, tally, cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateException)
                {
                    // Another instance of the portal may have seeded the same database at the same time.
                    if (!await SeededMeanwhileAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw;
                    }

                    LogAlreadySeeded(_logger);
                    return DemoSeedResult.NotSeeded(stopwatch.Elapsed);
                }

                var questionnaireId = await QuestionnaireIdAsync(db, writer, context, cancellationToken).ConfigureAwait(false);
                var generator = new PatientGenerator(context);
                var specs = DemoCohort.Specs(context.Organisation);
                var demo = specs.Select((spec, index) => generator.Create(spec, index, uniqueNames: true)).ToList();
                await WritePatientsAsync(writer, context, demo, questionnaireId, isDemo: true, tally, cancellationToken).ConfigureAwait(false);

                for (var start = 0; start < options.LoadPatients; start += LoadChunk)
                {
                    var chunk = Enumerable.Range(start, Math.Min(LoadChunk, options.LoadPatients - start))
                        .Select(i =>
                        {
                            var index = specs.Count + i;
                            var spec = DemoCohort.Drawn(context.Organisation, new Random(SeedContext.Mix(context.StreamSeed(index), 0x10AD)));
                            return generator.Create(spec, index, uniqueNames: false);
                        })
                        .ToList();
                    await WritePatientsAsync(writer, context, chunk, questionnaireId, isDemo: false, tally, cancellationToken).ConfigureAwait(false);
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

                var result = tally.ToResult(writer.RowsWritten, stopwatch.Elapsed);
                LogSeeded(_logger, result.Patients, result.Responses, result.Alerts, result.UnresolvedAlerts, result.Rows,
                    (long)result.Elapsed.TotalMilliseconds);
                return result;
            }
        }
    }

    private static async Task WriteOrganisationAsync(SeedWriter writer, SeedContext context, Tally tally, CancellationToken cancellationToken)
    {
        var organisation = context.Organisation;
        await writer.AddAsync(organisation.Establishments, cancellationToken).ConfigureAwait(false);
        await writer.AddAsync(organisation.Staff, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        tally.Establishments = organisation.Establishments.Count;
        tally.StaffMembers = organisation.Staff.Count;
    }

    /// <summary>The stored row of the current questionnaire definition, inserted unless the portal already stored it.</summary>
    private static async Task<Guid> QuestionnaireIdAsync(
        PortalDbContext db, SeedWriter writer, SeedContext context, CancellationToken cancellationToken)
    {
        var definition = context.Rules.Definition;
        var existing = await db.Questionnaires
            .Where(q => q.Code == definition.Code && q.Version == definition.Version)
            .Select(q => (Guid?)q.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (existing is { } id)
        {
            return id;
        }

        var rows = QuestionnaireCatalog.All.Select(published => new Questionnaire
        {
            Id = context.Ids.Next(context.PublishedAt),
            Code = published.Definition.Code,
            Version = published.Definition.Version,
            Definition = published.Json,
            PublishedAt = context.PublishedAt,
        }).ToList();
        await writer.AddAsync(rows, cancellationToken).ConfigureAwait(false);
        return rows.Single(q => q.Code == definition.Code && q.Version == definition.Version).Id;
    }

    private static async Task WritePatientsAsync(
        SeedWriter writer, SeedContext context, List<SeedPatient> patients, Guid questionnaireId, bool isDemo, Tally tally,
        CancellationToken cancellationToken)
    {
        var histories = new HistoryGenerator(context);
        var triage = new TriageSimulator(context);
        var responses = new List<QuestionnaireResponse>();
        var plans = new List<TriagePlan>();
        foreach (var patient in patients.Where(p => p.Enrollment is not null))
        {
            var isDemoPatient = isDemo && patient.Patient.Ipp == DemoSeed.DemoPatientIpp;
            var history = histories.Generate(patient, questionnaireId, keepEveryResponse: isDemo, keepCurrentWeekOpen: isDemoPatient);
            responses.AddRange(history.Responses);
            var random = new Random(SeedContext.Mix(patient.RandomSeed, 0x7121));
            plans.AddRange(history.Alerts.Select(alert => triage.Plan(alert, patient, random)));
        }

        if (isDemo)
        {
            new DemoQueue(context, triage).Arrange(plans);
        }

        var actions = plans.SelectMany(triage.Apply).ToList();
        var enrollments = patients.Where(p => p.Enrollment is not null).Select(p => p.Enrollment!).ToList();

        await writer.AddAsync(patients.Select(p => p.Patient), cancellationToken).ConfigureAwait(false);
        await writer.AddAsync(enrollments, cancellationToken).ConfigureAwait(false);
        await writer.AddAsync(patients.SelectMany(p => p.ExpectedLevels), cancellationToken).ConfigureAwait(false);
        await writer.AddAsync(responses, cancellationToken).ConfigureAwait(false);
        await writer.AddAsync(plans.Select(p => p.Alert), cancellationToken).ConfigureAwait(false);
        await writer.AddAsync(actions, cancellationToken).ConfigureAwait(false);
        if (isDemo)
        {
            await writer.AddAsync([DemoLink(context, patients)], cancellationToken).ConfigureAwait(false);
        }

        tally.Patients += patients.Count;
        tally.Enrollments += enrollments.Count;
        tally.Responses += responses.Count;
        tally.Alerts += plans.Count;
        tally.UnresolvedAlerts += plans.Count(p => p.Alert.Status != AlertStatus.Resolved);
        tally.TriageActions += actions.Count;
    }

    /// <summary>The demo patient's questionnaire link, valid for a year, issued by the administrator.</summary>
    private static PatientAccessLink DemoLink(SeedContext context, List<SeedPatient> patients)
    {
        var patient = patients.Single(p => p.Patient.Ipp == DemoSeed.DemoPatientIpp);
        var issuedAt = context.LocalTime(context.Today.AddDays(-3), 10, 0, new Random(patient.RandomSeed));
        return new PatientAccessLink
        {
            Id = context.Ids.Next(issuedAt),
            EnrollmentId = patient.Enrollment!.Id,
            TokenHash = DemoSeed.HashToken(DemoSeed.DemoPatientToken),
            IssuedAt = issuedAt,
            ExpiresAt = context.Anchor.AddDays(365),
            IssuedById = context.Organisation.Roussel.Id,
        };
    }

    private async Task<bool> SeededMeanwhileAsync(CancellationToken cancellationToken)
    {
        var db = await _dbContextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Establishments.AnyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The database already holds data: no demo data seeded.")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo data seeded: {Patients} patients, {Responses} responses, {Alerts} alerts ({Unresolved} unresolved), {Rows} rows in {ElapsedMs} ms.")]
    private static partial void LogSeeded(ILogger logger, int patients, int responses, int alerts, int unresolved, int rows, long elapsedMs);

    private sealed class Tally
    {
        public int Establishments { get; set; }

        public int StaffMembers { get; set; }

        public int Patients { get; set; }

        public int Enrollments { get; set; }

        public int Responses { get; set; }

        public int Alerts { get; set; }

        public int UnresolvedAlerts { get; set; }

        public int TriageActions { get; set; }

        public DemoSeedResult ToResult(int rows, TimeSpan elapsed) => new()
        {
            Seeded = true,
            Establishments = Establishments,
            StaffMembers = StaffMembers,
            Patients = Patients,
            Enrollments = Enrollments,
            Responses = Responses,
            Alerts = Alerts,
            UnresolvedAlerts = UnresolvedAlerts,
            TriageActions = TriageActions,
            Rows = rows,
            Elapsed = elapsed,
        };
    }
}

/// <summary>Seeds the demo data from the services of a host.</summary>
public static class DemoSeedServiceProviderExtensions
{
    /// <summary>
    /// Inserts the demo data (see <see cref="DemoDataSeeder"/>) unless the database already has establishments,
    /// with the host's clock and the alert rules, SLA targets and schedule settings it is configured with.
    /// </summary>
    public static Task<DemoSeedResult> SeedDemoDataAsync(
        this IServiceProvider services, DemoSeedOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var seeder = new DemoDataSeeder(
            services.GetRequiredService<IDbContextFactory<PortalDbContext>>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<IOptions<AlertRuleOptions>>()?.Value,
            services.GetService<IOptions<SlaOptions>>()?.Value,
            services.GetService<IOptions<ScheduleOptions>>()?.Value,
            services.GetService<ILogger<DemoDataSeeder>>());
        return seeder.SeedAsync(options ?? new DemoSeedOptions(), cancellationToken);
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Benchmarks.Messaging;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Auditing;
using TeleSurv.Portal.Infrastructure.Notifications;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Seeding;

namespace TeleSurv.Portal.Benchmarks.Queue;

/// <summary>
/// The nurse's queue (<see cref="GetAlertQueueQuery"/>) on the load data, through the real pipeline (access rules,
/// validation, the audit entry each read writes) as the IPA nurse of two establishments: the first page as it opens,
/// and the filters nurses use most. The target is a p95 under 50 ms (docs/benchmarks.md).
/// </summary>
[Config(typeof(Percentiles))]
public class AlertQueueBenchmarks
{
    private ServiceProvider _services = default!;
    private ISender _sender = default!;
    private AsyncServiceScope _scope;
    private string _itemKey = "nausea";

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddBenchmarkMediator();
        services.AddAuditTrail();
        services.AddAlertNotifications();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<PortalDbContext>(o => PortalDbContextOptions.Configure(o, Provider, QueueLoadDatabase.ConnectionString(Provider)));
        services.AddSingleton<IPortalDbContextFactory, PortalDbContextFactory>();
        var nurse = new Nurse();
        services.AddSingleton(nurse);
        services.AddSingleton<ICurrentUser>(sp => sp.GetRequiredService<Nurse>());
        _services = services.BuildServiceProvider();

        await QueueLoadDatabase.RequireSeededAsync(_services);
        await using (var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var member = await db.StaffMembers.AsNoTracking()
                .Where(s => s.Login == DemoSeed.IpaLogin)
                .Select(s => new { s.Id, s.DisplayName, Establishments = s.Establishments.Select(e => e.EstablishmentId).ToList() })
                .SingleAsync();
            nurse.StaffMemberId = member.Id;
            nurse.Name = member.DisplayName;
            nurse.EstablishmentIds = member.Establishments.ToHashSet();
            _itemKey = await db.Alerts.AsNoTracking()
                .Where(a => a.WorstItemKey != null)
                .GroupBy(a => a.WorstItemKey!)
                .OrderByDescending(g => g.Count())
                .Select(g => g.Key)
                .FirstAsync();
        }

        _scope = _services.CreateAsyncScope();
        _sender = _scope.ServiceProvider.GetRequiredService<ISender>();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "first page, no filter")]
    public ValueTask<AlertQueuePage> FirstPage() => _sender.Send(new GetAlertQueueQuery());

    [Benchmark(Description = "urgent and high, overdue only")]
    public ValueTask<AlertQueuePage> UrgentOverdue() =>
        _sender.Send(new GetAlertQueueQuery { Priorities = [AlertPriority.Urgent, AlertPriority.High], OverdueOnly = true });

    [Benchmark(Description = "one symptom")]
    public ValueTask<AlertQueuePage> OneSymptom() => _sender.Send(new GetAlertQueueQuery { ItemKey = _itemKey });

    [Benchmark(Description = "resolved history, page 50")]
    public ValueTask<AlertQueuePage> ResolvedHistory() =>
        _sender.Send(new GetAlertQueueQuery { Statuses = [AlertStatus.Resolved], Page = 50 });

    [Benchmark(Description = "first page, due soonest first")]
    public ValueTask<AlertQueuePage> DueSoonest() => _sender.Send(new GetAlertQueueQuery { Sort = AlertQueueSort.DueSoonestFirst });

    [Benchmark(Description = "resolved history, newest raised first, page 50")]
    public ValueTask<AlertQueuePage> ResolvedHistoryNewestFirst() =>
        _sender.Send(new GetAlertQueueQuery { Statuses = [AlertStatus.Resolved], Page = 50, Sort = AlertQueueSort.NewestFirst });

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles()
        {
            // In process: a generated project per case, rebuilt with the whole solution below it, takes longer than
            // BenchmarkDotNet's build timeout on a small shared machine, and the query's cost is the database's anyway.
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true))
                .WithWarmupCount(3)
                .WithIterationCount(30)
                .WithInvocationCount(16)
                .WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        }
    }

    private sealed class Nurse : ICurrentUser
    {
        public bool IsAuthenticated => true;

        public Guid? StaffMemberId { get; set; }

        public string Name { get; set; } = string.Empty;

        public StaffRole? Role => StaffRole.Ipa;

        public IReadOnlySet<Guid> EstablishmentIds { get; set; } = new HashSet<Guid>();
    }
}

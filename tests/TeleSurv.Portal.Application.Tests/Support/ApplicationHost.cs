using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Infrastructure.Adt;
using TeleSurv.Portal.Infrastructure.Auditing;
using TeleSurv.Portal.Infrastructure.Notifications;
using TeleSurv.Portal.Infrastructure.Oru;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Support;

/// <summary>
/// The Application layer as the web app wires it (AddApplication, AddAuditTrail) over a real test database, with
/// a fixed clock. Each send runs in its own scope as the user given, so that tests can act as several people.
/// </summary>
public sealed class ApplicationHost : IDisposable
{
    /// <summary>"Now" for every test unless it moves the clock: a Tuesday noon, UTC.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public ApplicationHost(TestDatabase database, Action<IServiceCollection>? configure = null)
    {
        Database = database;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddTestMediator();
        services.AddAuditTrail();
        services.AddAlertNotifications();

        // Reports write their ORU message, as in a portal connected to an EAI.
        services.Configure<OruOptions>(options => options.Enabled = true);
        services.AddSingleton<IOruMessageWriter, OruMessageEncoder>();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(database.Factory);
        services.AddSingleton<IAdtMessageCodec>(new Hl7AdtCodec(Clock));
        services.AddScoped<CurrentUserSlot>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserSlot>().User);
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public TestDatabase Database { get; }

    public FixedClock Clock { get; } = new(DefaultNow);

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public IServiceProvider Services => _provider;

    public async Task<TResponse> SendAsync<TResponse>(ICurrentUser user, IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        await using var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserSlot>().User = user;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, cancellationToken);
    }

    /// <summary>Sends a request known only as an object (for tests that walk every request type).</summary>
    public async Task<object?> SendObjectAsync(ICurrentUser user, object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserSlot>().User = user;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, CancellationToken.None);
    }

    public async Task InsertAsync(params object[] entities)
    {
        await using var db = Database.CreateContext();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    /// <summary>Audit entries matching the filter, in chain order.</summary>
    public async Task<List<AuditEntry>> AuditEntriesAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> filter)
    {
        await using var db = Database.CreateContext();
        return await db.AuditEntries.AsNoTracking().Where(filter).OrderBy(e => e.Sequence).ToListAsync();
    }

    public void Dispose() => _provider.Dispose();

    private sealed class CurrentUserSlot
    {
        public ICurrentUser User { get; set; } = TestCurrentUser.Anonymous();
    }
}

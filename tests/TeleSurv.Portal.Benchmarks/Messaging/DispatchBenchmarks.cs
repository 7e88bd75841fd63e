using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Benchmarks.Messaging;

/// <summary>
/// What the mediator adds to a request: a no-op request sent through the three behaviours of AddApplication()
/// (audit, authorization, validation) in a scope opened once, as a Blazor circuit does, against the same handler
/// called directly. The request is role-checked but neither audited, scoped to a record nor validated, so no
/// behaviour reaches the database and the difference is the dispatch itself.
/// </summary>
[Config(typeof(InProcess))]
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private static readonly NoOpRequest Request = new(42);
    private readonly NoOpHandler _handler = new();
    private ServiceProvider _services = default!;
    private AsyncServiceScope _scope;
    private ISender _sender = default!;

    [GlobalSetup]
    public void SetUp()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddBenchmarkMediator();
        services.AddSingleton<ICurrentUser, Nurse>();
        services.AddSingleton<IAuditTrail, UnusedAuditTrail>();
        services.AddSingleton<IPortalDbContextFactory, UnusedDbContextFactory>();
        _services = services.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        _sender = _scope.ServiceProvider.GetRequiredService<ISender>();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "handler called directly")]
    public ValueTask<int> Direct() => _handler.Handle(Request, CancellationToken.None);

    [Benchmark(Description = "sent through the three behaviours")]
    public ValueTask<int> Sent() => _sender.Send(Request);

    private sealed class InProcess : ManualConfig
    {
        public InProcess() =>
            // In process, as the other benchmarks: a generated project rebuilt with the whole solution below it
            // outlasts BenchmarkDotNet's build timeout on a small shared machine.
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true))
                .WithWarmupCount(5)
                .WithIterationCount(20));
    }

    private sealed class Nurse : ICurrentUser
    {
        public bool IsAuthenticated => true;

        public Guid? StaffMemberId { get; } = Guid.CreateVersion7();

        public string Name => "Claire MARTIN";

        public StaffRole? Role => StaffRole.Ide;

        public IReadOnlySet<Guid> EstablishmentIds { get; } = new HashSet<Guid> { Guid.CreateVersion7() };
    }

    private sealed class UnusedAuditTrail : IAuditTrail
    {
        public Task<Domain.Auditing.AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The no-op request is not audited: an entry means the benchmark measures more than dispatch.");

        public Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class UnusedDbContextFactory : IPortalDbContextFactory
    {
        public Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The no-op request names no record: a database means the benchmark measures more than dispatch.");
    }
}

/// <summary>A request that does nothing, for <see cref="DispatchBenchmarks"/>.</summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa)]
public sealed record NoOpRequest(int Value) : IRequest<int>;

public sealed class NoOpHandler : IRequestHandler<NoOpRequest, int>
{
    public ValueTask<int> Handle(NoOpRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Value);
}

using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Infrastructure.Adt;
using TeleSurv.Portal.Infrastructure.Notifications;

namespace TeleSurv.Portal.Application.Tests.Support;

/// <summary>
/// The real AddApplication() pipeline with the echo requests of this assembly, an in-memory audit trail and a
/// settable current user: for behaviour tests that need no database.
/// </summary>
public sealed class PipelineHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public PipelineHost(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddSingleton(Calls);
        services.AddTestMediator();
        services.AddValidatorsFromAssemblyContaining<PipelineHost>(ServiceLifetime.Transient, r => r.ValidatorType.Namespace == typeof(PipelineHost).Namespace);
        services.AddSingleton<ICurrentUser>(User);
        services.AddSingleton<IAuditTrail>(Audit);
        services.AddSingleton<IPortalDbContextFactory, UnusedDbContextFactory>();
        services.AddAlertNotifications();
        services.AddSingleton<IAdtMessageCodec>(new Hl7AdtCodec(TimeProvider.System));
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public TestCurrentUser User { get; } = TestCurrentUser.Anonymous();

    public RecordingAuditTrail Audit { get; } = new();

    public HandlerCalls Calls { get; } = new();

    public IServiceProvider Services => _provider;

    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    public void Dispose() => _provider.Dispose();
}

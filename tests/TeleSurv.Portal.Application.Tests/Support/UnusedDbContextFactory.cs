using TeleSurv.Portal.Application.Abstractions;

namespace TeleSurv.Portal.Application.Tests.Support;

/// <summary>For pipeline tests whose requests never touch the database: any use is a test failure.</summary>
public sealed class UnusedDbContextFactory : IPortalDbContextFactory
{
    public Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("This test's requests must not reach the database.");
}

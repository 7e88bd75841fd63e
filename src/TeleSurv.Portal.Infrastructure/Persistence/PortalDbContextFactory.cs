using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;

namespace TeleSurv.Portal.Infrastructure.Persistence;

/// <summary>Hands handlers a fresh <see cref="PortalDbContext"/> per operation.</summary>
public sealed class PortalDbContextFactory(IDbContextFactory<PortalDbContext> factory) : IPortalDbContextFactory
{
    public async Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
}

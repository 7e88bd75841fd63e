using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Adt;

/// <summary>The test database, counting the queries (commands that read rows) its contexts send.</summary>
public sealed class QueryCountingDbContextFactory(TestDatabase database) : IPortalDbContextFactory
{
    private readonly Counter _counter = new();

    /// <summary>Queries sent so far.</summary>
    public int Queries => _counter.Queries;

    public Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IPortalDbContext>(new PortalDbContext(
            new DbContextOptionsBuilder<PortalDbContext>(database.Options).AddInterceptors(_counter).Options));

    private sealed class Counter : DbCommandInterceptor
    {
        private int _queries;

        public int Queries => Volatile.Read(ref _queries);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _queries);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

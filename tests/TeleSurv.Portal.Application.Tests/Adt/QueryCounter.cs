using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TeleSurv.Portal.Application.Tests.Adt;

/// <summary>Counts the queries (commands that read rows) sent through the contexts it intercepts.</summary>
internal sealed class QueryCounter : DbCommandInterceptor
{
    private int _queries;

    /// <summary>Queries sent so far.</summary>
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

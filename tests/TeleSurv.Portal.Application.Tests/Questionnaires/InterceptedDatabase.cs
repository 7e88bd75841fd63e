using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Questionnaires;

/// <summary>Context factories over a test database with command interceptors, to inject failures and races.</summary>
internal static class InterceptedDatabase
{
    public static IPortalDbContextFactory Factory(TestDatabase database, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>(database.Options).AddInterceptors(interceptors).Options;
        return new PortalDbContextFactory(new OptionsFactory(options));
    }

    private sealed class OptionsFactory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}

/// <summary>Fails a save once the command inserting an alert has run: the database has executed it, the transaction has not committed.</summary>
internal sealed class FailAfterAlertInsert : DbCommandInterceptor
{
    private readonly List<string> _executed = [];

    public IReadOnlyList<string> Executed
    {
        get
        {
            lock (_executed)
            {
                return [.. _executed];
            }
        }
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    private void Check(DbCommand command)
    {
        lock (_executed)
        {
            _executed.Add(command.CommandText);
        }

        if (command.CommandText.Contains("INSERT INTO \"Alerts\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Injected failure: the alert could not be written.");
        }
    }
}

/// <summary>
/// Holds every insert of a questionnaire response until <paramref name="parties"/> of them are waiting (or a
/// time limit passes), so that simultaneous submissions reach the database together.
/// </summary>
internal sealed class ResponseInsertBarrier(int parties, TimeSpan limit) : DbCommandInterceptor
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int Attempts => Volatile.Read(ref _arrived);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await WaitAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await WaitAsync(command);
        return result;
    }

    private async Task WaitAsync(DbCommand command)
    {
        if (!command.CommandText.Contains("INSERT INTO \"QuestionnaireResponses\"", StringComparison.Ordinal))
        {
            return;
        }

        if (Interlocked.Increment(ref _arrived) >= parties)
        {
            _allArrived.TrySetResult();
        }

        // SQLite lets one writer in at a time, so there the others may only arrive once the first has committed.
        await Task.WhenAny(_allArrived.Task, Task.Delay(limit));
    }
}

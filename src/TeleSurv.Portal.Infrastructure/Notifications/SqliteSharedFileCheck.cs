using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Notifications;

/// <summary>
/// Says at start when another portal process already runs on the same SQLite file: live updates and background
/// work of a SQLite portal stay inside one process, so a second process would show stale queues.
/// </summary>
/// <remarks>
/// Each SQLite portal holds an exclusive lock on a file beside the database (<c>telesurv.db.instance-lock</c>) for
/// as long as it runs. The operating system releases it when the process ends, even killed, so a stale lock file
/// never raises a false warning; the lock is advisory and stops nothing.
/// </remarks>
public sealed partial class SqliteSharedFileCheck(IOptions<DatabaseOptions> databaseOptions, ILogger<SqliteSharedFileCheck> logger)
    : IHostedService, IDisposable
{
    public const string LockFileSuffix = ".instance-lock";

    private FileStream? _lock;

    /// <summary>True once start found another process holding the lock.</summary>
    public bool SharedWithAnotherProcess { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = databaseOptions.Value;
        if (!options.TryGetProvider(out var provider) || provider != DatabaseProvider.Sqlite)
        {
            return Task.CompletedTask;
        }

        var builder = new SqliteConnectionStringBuilder(options.GetConnectionString());
        if (!DatabaseOptions.IsFileDatabase(builder))
        {
            return Task.CompletedTask;
        }

        var path = builder.DataSource + LockFileSuffix;
        if (TryAcquire(path, out _lock))
        {
            return Task.CompletedTask;
        }

        SharedWithAnotherProcess = true;
        LogShared(logger, builder.DataSource);
        return Task.CompletedTask;
    }

    /// <summary>Takes the lock on <paramref name="path"/>; false when another holder has it.</summary>
    public static bool TryAcquire(string path, out FileStream? held)
    {
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return true;
        }
        catch (IOException)
        {
            held = null;
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // A lock file the account may not open cannot tell anything either way: no warning.
            held = null;
            return true;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another portal process is running on the SQLite database {Path}: SQLite supports one portal process only (live queues and background jobs stay inside each process). Run several instances on PostgreSQL.")]
    private static partial void LogShared(ILogger logger, string path);
}

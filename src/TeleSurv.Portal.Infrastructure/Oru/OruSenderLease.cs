using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Oru;

/// <summary>
/// The right to send the ORU outbox. Every instance runs the sender; only the one holding the lease sends, so there
/// is one message in flight across all instances and a patient's messages keep their order.
/// </summary>
public interface IOruSenderLease : IAsyncDisposable
{
    /// <summary>Takes the lease if no one holds it; true when this instance holds it now.</summary>
    ValueTask<bool> TryAcquireAsync(CancellationToken cancellationToken);

    /// <summary>Whether the lease is still this instance's; false once the connection holding it is lost.</summary>
    ValueTask<bool> IsHeldAsync(CancellationToken cancellationToken);

    /// <summary>Gives the lease back, so that another instance takes it.</summary>
    ValueTask ReleaseAsync();
}

/// <summary>
/// For SQLite and SQL Server: the instance is the only sender (SQLite is one process; on SQL Server the other
/// instances run with <c>Oru:SenderEnabled=false</c>).
/// </summary>
public sealed class SingleInstanceOruSenderLease : IOruSenderLease
{
    public ValueTask<bool> TryAcquireAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask<bool> IsHeldAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask ReleaseAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// A PostgreSQL session advisory lock, taken with <c>pg_try_advisory_lock</c> on a connection of its own that stays
/// open while the instance sends. PostgreSQL frees the lock when that session ends: a process killed or stopped
/// closes its socket and the lock is free at once; a host that vanishes from the network is noticed by the server's
/// TCP keepalives, set short on this session, within about <see cref="DeadPeerSeconds"/> seconds.
/// </summary>
public sealed partial class PostgresOruSenderLease(IOptions<DatabaseOptions> databaseOptions, ILogger<PostgresOruSenderLease> logger)
    : IOruSenderLease
{
    /// <summary>The advisory lock's key, the same on every instance; advisory locks are per database.</summary>
    public const long LockKey = 0x54_53_4F_52_55_53_44; // "TSORUSD"

    /// <summary>Idle, interval and count of the server's keepalives on the lease session: 5 + 3 × 2 seconds.</summary>
    public const int DeadPeerSeconds = 11;

    private NpgsqlConnection? _connection;

    public async ValueTask<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        await ReleaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(databaseOptions.Value.GetConnectionString())
        {
            // A pooled connection would outlive its release and keep the lock in a session no one uses.
            Pooling = false,
            TcpKeepAlive = true,
        };
        builder.ApplicationName = string.IsNullOrEmpty(builder.ApplicationName) ? "telesurv-oru-sender" : builder.ApplicationName;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var keepalives = new NpgsqlCommand(
                "SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3", connection))
            {
                await keepalives.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                _connection = connection;
                LogAcquired(logger);
                return true;
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogUnavailable(logger, exception);
        }

        await connection.DisposeAsync();
        return false;
    }

    public async ValueTask<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            return false;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogLost(logger, exception);
            await ReleaseAsync();
            return false;
        }
    }

    public async ValueTask ReleaseAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            // Closing the session frees the lock, whether or not an unlock would have reached the server.
            await connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => ReleaseAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance holds the ORU sender lease and sends the outbox.")]
    private static partial void LogAcquired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ORU sender lease could not be asked for; it is asked again.")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection holding the ORU sender lease was lost; this instance stops sending until it holds the lease again.")]
    private static partial void LogLost(ILogger logger, Exception exception);
}

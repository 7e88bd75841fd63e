using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Infrastructure.BackgroundJobs;

namespace TeleSurv.Portal.Infrastructure.Auditing;

/// <summary>Where and how often the head of the audit chain is written outside the database.</summary>
public sealed class AuditCheckpointOptions
{
    /// <summary>Append-only file, one line per checkpoint; none means the checkpoints go to the log only.</summary>
    public string? File { get; set; }

    /// <summary>A checkpoint after this many entries appended by this process; 0 turns it off.</summary>
    public int EveryEntries { get; set; } = 100;

    /// <summary>A checkpoint every so many seconds when the chain moved; 0 turns it off.</summary>
    public int EverySeconds { get; set; } = 300;

    /// <exception cref="PortalConfigurationException">A setting is wrong; the message names it.</exception>
    public static AuditCheckpointOptions FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var section = configuration.GetSection(AuditChainKeys.Section);
        var options = new AuditCheckpointOptions();
        var file = section["CheckpointFile"];
        if (!string.IsNullOrWhiteSpace(file))
        {
            options.File = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(environment.ContentRootPath, file));
        }

        options.EveryEntries = ConfigurationNumbers.Read(section, "CheckpointEveryEntries", options.EveryEntries, 0, 1_000_000);
        options.EverySeconds = ConfigurationNumbers.Read(section, "CheckpointEverySeconds", options.EverySeconds, 0, 86_400);
        return options;
    }
}

/// <summary>A copy of the chain head at one moment: the entry at <see cref="Sequence"/> must still be that one, with that hash.</summary>
public sealed record AuditCheckpoint(long Sequence, Guid EntryId, string Hash, string? KeyId, DateTimeOffset At)
{
    private const string Prefix = "TeleSurv audit checkpoint";

    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix} sequence={Sequence} entry={EntryId:D} hmac={Hash} key={KeyId ?? "-"} at={At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");

    /// <summary>Parses a line written by <see cref="ToLine"/>; null for anything else (a torn last line, a comment).</summary>
    public static AuditCheckpoint? TryParse(string line)
    {
        if (line is null || !line.StartsWith(Prefix + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = line[(Prefix.Length + 1)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        return fields.TryGetValue("sequence", out var sequence) && long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            && fields.TryGetValue("entry", out var entry) && Guid.TryParseExact(entry, "D", out var id)
            && fields.TryGetValue("hmac", out var hash) && hash.Length > 0
            && fields.TryGetValue("key", out var key)
            && fields.TryGetValue("at", out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? new AuditCheckpoint(s, id, hash, key == "-" ? null : key, time)
                : null;
    }
}

/// <summary>
/// Writes checkpoints of the audit chain head to an append-only file (opened in append mode, flushed to disk
/// at each line) and to the application log: places the database's writers cannot rewrite, so that removing the
/// last entries, or recomputing the whole chain, no longer goes unseen.
/// </summary>
public sealed partial class AuditCheckpoints(AuditCheckpointOptions options, IPortalDbContextFactory dbContextFactory, TimeProvider timeProvider, ILogger<AuditCheckpoints> logger)
{
    private readonly Lock _gate = new();
    private long _appendedSinceCheckpoint;
    private long _lastWrittenSequence;

    public AuditCheckpointOptions Options => options;

    /// <summary>Counts an entry this process appended, and writes a checkpoint of it every <see cref="AuditCheckpointOptions.EveryEntries"/>.</summary>
    public void Appended(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        bool due;
        lock (_gate)
        {
            _appendedSinceCheckpoint++;
            due = options.EveryEntries > 0 && _appendedSinceCheckpoint >= options.EveryEntries;
        }

        if (due)
        {
            try
            {
                Write(new AuditCheckpoint(entry.Sequence, entry.Id, entry.Hash ?? "", entry.ChainKeyId, timeProvider.GetUtcNow()));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The entry is written; a missed checkpoint must not fail the request it audits. The next one catches up.
                LogFileFailed(logger, options.File, ex);
            }
        }
    }

    /// <summary>Writes a checkpoint of the head now in the database, unless it is the one written last (or the chain is empty).</summary>
    public async Task<AuditCheckpoint?> WriteHeadAsync(CancellationToken cancellationToken = default)
    {
        var db = await dbContextFactory.CreateAsync(cancellationToken);
        await using (db)
        {
            var head = await db.AuditEntries.AsNoTracking()
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Id, e.Hash, e.ChainKeyId })
                .FirstOrDefaultAsync(cancellationToken);
            if (head is null || Interlocked.Read(ref _lastWrittenSequence) == head.Sequence)
            {
                return null;
            }

            var checkpoint = new AuditCheckpoint(head.Sequence, head.Id, head.Hash ?? "", head.ChainKeyId, timeProvider.GetUtcNow());
            Write(checkpoint);
            return checkpoint;
        }
    }

    /// <summary>The checkpoints in the file, oldest first; none when no file is configured or written yet.</summary>
    public IReadOnlyList<AuditCheckpoint> Read()
    {
        if (options.File is null || !System.IO.File.Exists(options.File))
        {
            return [];
        }

        using var stream = new FileStream(options.File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var checkpoints = new List<AuditCheckpoint>();
        while (reader.ReadLine() is { } line)
        {
            if (AuditCheckpoint.TryParse(line) is { } checkpoint)
            {
                checkpoints.Add(checkpoint);
            }
        }

        return checkpoints;
    }

    private void Write(AuditCheckpoint checkpoint)
    {
        lock (_gate)
        {
            LogCheckpoint(logger, checkpoint.Sequence, checkpoint.EntryId, checkpoint.Hash, checkpoint.KeyId ?? "-", checkpoint.At);
            if (options.File is not null)
            {
                var folder = Path.GetDirectoryName(options.File);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                using var stream = new FileStream(options.File, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                var bytes = System.Text.Encoding.UTF8.GetBytes(checkpoint.ToLine() + "\n");
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            _appendedSinceCheckpoint = 0;
            Interlocked.Exchange(ref _lastWrittenSequence, checkpoint.Sequence);
        }
    }

    [LoggerMessage(EventId = 7303, Level = LogLevel.Error, Message = "Audit checkpoint could not be appended to {File}")]
    private static partial void LogFileFailed(ILogger logger, string? file, Exception exception);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information,
        Message = "Audit checkpoint: sequence {Sequence}, entry {EntryId}, hmac {Hmac}, key {KeyId}, at {At:O}")]
    private static partial void LogCheckpoint(ILogger logger, long sequence, Guid entryId, string hmac, string keyId, DateTimeOffset at);
}

/// <summary>Writes a checkpoint every <see cref="AuditCheckpointOptions.EverySeconds"/> when the chain moved, and one at shutdown.</summary>
public sealed partial class AuditCheckpointService(AuditCheckpoints checkpoints, TimeProvider timeProvider, ILogger<AuditCheckpointService> logger) : WritesOnStopService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (checkpoints.Options.EverySeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(checkpoints.Options.EverySeconds), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync writes the last checkpoint.
        }
    }

    protected override async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await StopLoopAsync(cancellationToken);
        await WriteAsync(cancellationToken);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await checkpoints.WriteHeadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missed checkpoint weakens the proof of length but must not stop the portal; the next one catches up.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 7302, Level = LogLevel.Error, Message = "Audit checkpoint could not be written")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

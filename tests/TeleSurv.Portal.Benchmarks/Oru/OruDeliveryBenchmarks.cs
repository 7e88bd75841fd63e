using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Infrastructure.Oru;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Benchmarks.Oru;

/// <summary>
/// Messages delivered per second by the outbox sender to the local test receiver (tests/peers/oru-receiver.mjs, on
/// Node), over MLLP on loopback, with the outbox on SQLite: each message is read, marked sending, sent, acknowledged
/// and marked delivered, one at a time as in production. Needs <c>npm ci</c> in tests/peers.
/// </summary>
[MemoryDiagnoser]
public class OruDeliveryBenchmarks : IDisposable
{
    private const int Messages = 200;

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"telesurv-oru-bench-{Guid.NewGuid():N}.db");
    private DbContextOptions<PortalDbContext> _options = null!;
    private Process _receiver = null!;
    private MllpOruChannel _channel = null!;
    private OruOutboxSender _sender = null!;

    [GlobalSetup]
    public void Setup()
    {
        var port = LoopbackPorts.Free();
        _receiver = StartReceiver(port);
        _options = PortalDbContextOptions.Create(DatabaseProvider.Sqlite, $"Data Source={_database}");
        using (var db = new PortalDbContext(_options))
        {
            db.Database.Migrate();
            var establishment = new Establishment { Finess = "330000001", Name = "CHU de mesure", Code = "CHUM", GhtName = "GHT" };
            db.Establishments.Add(establishment);
            var patients = Enumerable.Range(0, 20).Select(i => new Patient
            {
                Ipp = "IPP" + i.ToString(CultureInfo.InvariantCulture),
                IppAuthority = "CHUM",
                BirthFamilyName = "MESURE",
                FirstNames = "Patient",
                BirthDate = new DateOnly(1950, 1, 1),
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            }).ToList();
            db.Patients.AddRange(patients);
            var message = File.ReadAllText(Path.Combine(PeersDirectory(), "..", "TeleSurv.Portal.Benchmarks", "Oru", "oru-sample.hl7")).Replace("\n", "\r", StringComparison.Ordinal);
            for (var i = 0; i < Messages; i++)
            {
                var controlId = OruControlId.New(DateTime.UtcNow);
                db.OruOutbox.Add(new OruOutboxMessage
                {
                    ControlId = controlId,
                    PatientId = patients[i % patients.Count].Id,
                    EstablishmentId = establishment.Id,
                    CreatedAt = DateTime.UtcNow,
                    Message = message.Replace("|BENCH|", $"|{controlId}|", StringComparison.Ordinal),
                    CharacterSet = OruOptions.Utf8,
                    NextAttemptAt = DateTime.UtcNow,
                });
            }

            db.SaveChanges();
        }

        var settings = new OruOptions { Enabled = true, EaiHost = "127.0.0.1", EaiPort = port };
        _channel = new MllpOruChannel(Options.Create(settings), NullLogger<MllpClient>.Instance);
        _sender = new OruOutboxSender(
            new PortalDbContextFactory(new OptionsFactory(_options)), _channel, new SingleInstanceOruSenderLease(), TimeProvider.System, Options.Create(settings),
            NullLogger<OruOutboxSender>.Instance);
    }

    [IterationSetup]
    public void Requeue()
    {
        using var db = new PortalDbContext(_options);
        db.OruOutbox.ExecuteUpdate(m => m
            .SetProperty(x => x.State, OruMessageState.Pending)
            .SetProperty(x => x.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task DeliverToTheLocalReceiver()
    {
        var delivered = 0;
        OruSendStep step;
        while ((step = await _sender.SendNextAsync(CancellationToken.None)).Outcome == OruSendOutcome.Delivered)
        {
            delivered++;
        }

        // A run that stops short would measure nothing: say why.
        if (delivered != Messages)
        {
            throw new InvalidOperationException($"{delivered} of {Messages} delivered; the last step was {step}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        _channel.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sender.Dispose();
        _receiver.Kill(entireProcessTree: true);
        _receiver.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    private static Process StartReceiver(int port)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = PeersDirectory(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "oru-receiver.mjs", "--port", port.ToString(CultureInfo.InvariantCulture), "--record", Path.Combine(Path.GetTempPath(), $"telesurv-oru-bench-{port}.jsonl") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var ready = process.StandardOutput.ReadLine();
        if (ready is null || !ready.StartsWith("listening", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The receiver did not start: {ready}");
        }

        // Keep reading its output so that it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    private static string PeersDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TeleSurv.Portal.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "peers");
            }
        }

        throw new InvalidOperationException("No TeleSurv.Portal.sln above the benchmark.");
    }

    private sealed class OptionsFactory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}

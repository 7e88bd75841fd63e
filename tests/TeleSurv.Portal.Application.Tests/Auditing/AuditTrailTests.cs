using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Auditing;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Auditing;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Auditing;

/// <summary>The hash-chained trail on a fresh database per test, so that each test owns the whole chain.</summary>
public abstract class AuditTrailTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly AuditChainKeys KeyA = Keys(("2026-a", 1), current: "2026-a");

    private readonly FixedClock _clock = new(ApplicationHost.DefaultNow.AddTicks(1_234_567));
    private readonly string _folder = Directory.CreateTempSubdirectory("telesurv-audit-").FullName;
    private TestDatabase _database = null!;

    private string CheckpointFile => Path.Combine(_folder, "checkpoints.log");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Appends_form_a_chain_that_verifies_once_read_back()
    {
        var trail = NewTrail();

        var first = await trail.AppendAsync(Record("patient.read", AuditOutcome.Success));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await trail.AppendAsync(Record("alert.claim", AuditOutcome.Denied) with { Detail = "Rôle non autorisé ; « guillemets »" });

        Assert.Equal((1L, null), (first.Sequence, first.PreviousHash));
        Assert.Equal(2L, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", second.Hash!);
        Assert.Equal(AuditChainVerification.Intact(2), await trail.VerifyAsync());

        await using var db = _database.CreateContext();
        var stored = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 2);
        Assert.Equal(second.Hash, AuditTrail.ComputeHash(stored, KeyA.Current));
        Assert.Equal("2026-a", stored.ChainKeyId);
        Assert.NotEqual(second.Hash, AuditTrail.ComputeHash(stored, null));
        Assert.Equal(DateTimeKind.Utc, stored.At.Kind);
    }

    [Fact]
    public async Task An_empty_trail_is_intact()
    {
        Assert.Equal(AuditChainVerification.Intact(0), await NewTrail().VerifyAsync());
    }

    [Theory]
    [InlineData("Detail")]
    [InlineData("Outcome")]
    [InlineData("Actor")]
    [InlineData("At")]
    public async Task A_modified_entry_breaks_the_chain_where_it_was_modified(string field)
    {
        var trail = NewTrail();
        for (var i = 0; i < 5; i++)
        {
            await trail.AppendAsync(Record("patient.read", AuditOutcome.Denied));
        }

        await using (var db = _database.CreateContext())
        {
            var third = db.AuditEntries.Where(e => e.Sequence == 3);
            var changed = field switch
            {
                "Detail" => await third.ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "rien à signaler")),
                "Outcome" => await third.ExecuteUpdateAsync(s => s.SetProperty(e => e.Outcome, AuditOutcome.Success)),
                "Actor" => await third.ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "Quelqu'un d'autre")),
                _ => await third.ExecuteUpdateAsync(s => s.SetProperty(e => e.At, e => e.At.AddHours(-1))),
            };
            Assert.Equal(1, changed);
        }

        var verification = await trail.VerifyAsync();

        Assert.False(verification.IsIntact);
        Assert.Equal(3, verification.BrokenAtSequence);
        Assert.Equal(2, verification.EntriesChecked);
        Assert.Contains("modified", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_entry_breaks_the_chain_at_the_entry_after_it()
    {
        var trail = NewTrail();
        for (var i = 0; i < 4; i++)
        {
            await trail.AppendAsync(Record("alert.read", AuditOutcome.Success));
        }

        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteDeleteAsync());
        }

        var verification = await trail.VerifyAsync();

        Assert.Equal(3, verification.BrokenAtSequence);
        Assert.Contains("missing", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_entry_and_renumbering_the_rest_is_still_detected()
    {
        var trail = NewTrail();
        for (var i = 0; i < 4; i++)
        {
            await trail.AppendAsync(Record("alert.read", AuditOutcome.Success));
        }

        await using (var db = _database.CreateContext())
        {
            await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteDeleteAsync();
            foreach (var sequence in new long[] { 3, 4 })
            {
                await db.AuditEntries.Where(e => e.Sequence == sequence).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, sequence - 1));
            }
        }

        var verification = await trail.VerifyAsync();

        Assert.False(verification.IsIntact);
        Assert.Equal(2, verification.BrokenAtSequence);
    }

    [Fact]
    public async Task Writers_that_do_not_share_a_lock_still_build_one_unbroken_chain()
    {
        // Two trails with their own locks stand for two processes: only the unique sequence index orders them.
        var left = NewTrail();
        var right = NewTrail();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? left : right).AppendAsync(Record($"write.{i}", AuditOutcome.Success)))));

        Assert.Equal(AuditChainVerification.Intact(40), await left.VerifyAsync());
        await using var db = _database.CreateContext();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
    }

    [Fact]
    public async Task Concurrent_writers_sharing_a_lock_append_one_at_a_time()
    {
        var trail = NewTrail();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => trail.AppendAsync(Record($"write.{i}", AuditOutcome.Success)))));

        Assert.Equal(AuditChainVerification.Intact(30), await trail.VerifyAsync());
    }

    [Fact]
    public async Task An_admin_verifies_the_trail_through_the_pipeline_and_the_verification_is_itself_audited()
    {
        using var host = new ApplicationHost(_database);
        var admin = TestCurrentUser.Staff(StaffRole.Admin, Guid.CreateVersion7());
        // The host chains with the key the trail gets when none is configured.
        await NewTrail(AuditChainKeys.Development()).AppendAsync(Record("patient.read", AuditOutcome.Success));

        var verification = await host.SendAsync(admin, new VerifyAuditTrailQuery());
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => host.SendAsync(TestCurrentUser.Staff(StaffRole.Ide), new VerifyAuditTrailQuery()));

        Assert.Equal(AuditChainVerification.Intact(1), verification);
        var entries = await host.AuditEntriesAsync(e => e.Action == "audit.verify");
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Denied], entries.Select(e => e.Outcome));
        Assert.Equal(AuditChainVerification.Intact(3), await NewTrail(AuditChainKeys.Development()).VerifyAsync());
    }

    [Fact]
    public async Task Tampering_with_the_entries_of_real_reads_is_reported_by_the_verification_query()
    {
        using var host = new ApplicationHost(_database);
        var patient = await PatientScenario.CreateAsync(host);
        for (var i = 0; i < 3; i++)
        {
            await host.SendAsync(patient.NurseUser, new GetPatientChartQuery(patient.Patient.Id));
        }

        var admin = TestCurrentUser.Staff(StaffRole.Admin, patient.Establishment.Id);
        Assert.True((await host.SendAsync(admin, new VerifyAuditTrailQuery())).IsIntact);
        var reads = await host.AuditEntriesAsync(e => e.Action == "patient.chart.read");

        // Someone hides that the chart was read: the second read no longer names the patient.
        await using (var db = _database.CreateContext())
        {
            await db.AuditEntries.Where(e => e.Id == reads[1].Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.PatientId, (Guid?)null));
        }

        var modified = await host.SendAsync(admin, new VerifyAuditTrailQuery());

        // Then deletes the first read instead of the change, hoping the chain starts later.
        await using (var db = _database.CreateContext())
        {
            await db.AuditEntries.Where(e => e.Id == reads[0].Id).ExecuteDeleteAsync();
        }

        var deleted = await host.SendAsync(admin, new VerifyAuditTrailQuery());

        Assert.Equal((false, reads[1].Sequence), (modified.IsIntact, modified.BrokenAtSequence));
        Assert.Contains("modified", modified.Problem, StringComparison.Ordinal);
        Assert.Equal((false, reads[0].Sequence + 1), (deleted.IsIntact, deleted.BrokenAtSequence));
        Assert.Contains("missing", deleted.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_last_entries_is_reported_as_truncated_against_the_checkpoint()
    {
        var checkpoints = NewCheckpoints(everyEntries: 0);
        var trail = NewTrail(checkpoints: checkpoints);
        await AppendAsync(trail, 5);
        var head = await checkpoints.WriteHeadAsync();

        await using (var db = _database.CreateContext())
        {
            Assert.Equal(2, await db.AuditEntries.Where(e => e.Sequence > 3).ExecuteDeleteAsync());
        }

        var verification = await trail.VerifyAsync();

        Assert.Equal(5, head!.Sequence);
        Assert.Equal((AuditChainState.Truncated, 5L, 3L, 1), (verification.State, verification.BrokenAtSequence, verification.EntriesChecked, verification.CheckpointsChecked));
        Assert.StartsWith("Truncated: ", verification.Problem, StringComparison.Ordinal);
        Assert.Contains(head.EntryId.ToString("D"), verification.Problem, StringComparison.Ordinal);
        Assert.Contains("ends at sequence 3", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_last_entries_then_writing_new_ones_is_still_reported_as_truncated()
    {
        var checkpoints = NewCheckpoints(everyEntries: 4);
        var trail = NewTrail(checkpoints: checkpoints);
        await AppendAsync(trail, 5);

        await using (var db = _database.CreateContext())
        {
            await db.AuditEntries.Where(e => e.Sequence > 2).ExecuteDeleteAsync();
        }

        // The portal goes on writing: sequences 3 to 5 exist again, but hold other entries than the checkpoint saw.
        await AppendAsync(NewTrail(), 3);
        var verification = await trail.VerifyAsync();

        Assert.Equal((AuditChainState.Truncated, 4L, 5L), (verification.State, verification.BrokenAtSequence, verification.EntriesChecked));
        Assert.Contains("now holds another entry", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_intact_chain_matches_its_checkpoints()
    {
        var checkpoints = NewCheckpoints(everyEntries: 2);
        var trail = NewTrail(checkpoints: checkpoints);
        await AppendAsync(trail, 5);
        await checkpoints.WriteHeadAsync();

        var verification = await trail.VerifyAsync();

        Assert.Equal(AuditChainVerification.Intact(5) with { CheckpointsChecked = 3 }, verification);
        Assert.Equal([2L, 4L, 5L], checkpoints.Read().Select(c => c.Sequence));
    }

    [Fact]
    public async Task Rewriting_an_entry_and_recomputing_the_chain_without_the_key_is_reported_as_rewritten_at_that_entry()
    {
        var trail = NewTrail();
        await AppendAsync(trail, 5);

        await using (var db = _database.CreateContext())
        {
            await db.AuditEntries.Where(e => e.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "rien à signaler"));
        }

        await RecomputeWithoutKeyAsync(fromSequence: 3, dropKeyIds: false);
        var keptKeyIds = await trail.VerifyAsync();
        await RecomputeWithoutKeyAsync(fromSequence: 3, dropKeyIds: true);
        var droppedKeyIds = await trail.VerifyAsync();

        Assert.Equal((AuditChainState.Rewritten, 3L, 2L), (keptKeyIds.State, keptKeyIds.BrokenAtSequence, keptKeyIds.EntriesChecked));
        Assert.Contains("recomputed without the key", keptKeyIds.Problem, StringComparison.Ordinal);
        Assert.Equal((AuditChainState.Rewritten, 3L), (droppedKeyIds.State, droppedKeyIds.BrokenAtSequence));
        Assert.Contains("no chain key although entries before it are keyed", droppedKeyIds.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recomputing_the_whole_chain_as_if_it_predated_the_key_is_caught_by_the_checkpoint()
    {
        var checkpoints = NewCheckpoints(everyEntries: 0);
        var trail = NewTrail(checkpoints: checkpoints);
        await AppendAsync(trail, 4);
        await checkpoints.WriteHeadAsync();

        await using (var db = _database.CreateContext())
        {
            await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.Outcome, AuditOutcome.Denied));
        }

        await RecomputeWithoutKeyAsync(fromSequence: 1, dropKeyIds: true);
        var verification = await trail.VerifyAsync();

        Assert.Equal((AuditChainState.Rewritten, 4L, 4L), (verification.State, verification.BrokenAtSequence, verification.LegacyEntries));
        Assert.Contains("modified and recomputed", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_key_rotation_older_entries_verify_with_their_own_key()
    {
        await AppendAsync(NewTrail(Keys(("2026-a", 1), current: "2026-a")), 3);
        var rotated = Keys([("2026-a", 1), ("2026-b", 2)], current: "2026-b");
        await AppendAsync(NewTrail(rotated), 2);

        var verification = await NewTrail(rotated).VerifyAsync();
        var withoutOldKey = await NewTrail(Keys(("2026-b", 2), current: "2026-b")).VerifyAsync();
        var withAnotherKeyUnderTheOldId = await NewTrail(Keys([("2026-a", 9), ("2026-b", 2)], current: "2026-b")).VerifyAsync();

        Assert.Equal(AuditChainVerification.Intact(5), verification);
        await using var db = _database.CreateContext();
        Assert.Equal(["2026-a", "2026-a", "2026-a", "2026-b", "2026-b"], await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.ChainKeyId).ToListAsync());
        Assert.Equal((AuditChainState.KeyMissing, 1L), (withoutOldKey.State, withoutOldKey.BrokenAtSequence));
        Assert.Contains("'2026-a'", withoutOldKey.Problem, StringComparison.Ordinal);
        Assert.Equal((AuditChainState.Rewritten, 1L), (withAnotherKeyUnderTheOldId.State, withAnotherKeyUnderTheOldId.BrokenAtSequence));
    }

    [Fact]
    public async Task Entries_written_before_the_chain_was_keyed_verify_as_such_and_are_anchored_by_the_first_keyed_entry()
    {
        // Two entries as the portal wrote them before keyed chaining: no key id, plain SHA-256.
        await AppendAsync(NewTrail(), 2);
        await RecomputeWithoutKeyAsync(fromSequence: 1, dropKeyIds: true);
        await AppendAsync(NewTrail(), 2);

        var verification = await NewTrail().VerifyAsync();

        Assert.Equal(AuditChainVerification.Intact(4) with { LegacyEntries = 2 }, verification);

        // Rewriting an old entry and recomputing the old entries' SHA-256 changes the hash the first keyed entry covers.
        await using (var db = _database.CreateContext())
        {
            await db.AuditEntries.Where(e => e.Sequence == 1).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "Quelqu'un d'autre"));
        }

        await using (var db = _database.CreateContext())
        {
            var legacy = await db.AuditEntries.Where(e => e.Sequence <= 2).OrderBy(e => e.Sequence).ToListAsync();
            legacy[0].Hash = AuditTrail.ComputeHash(legacy[0], null);
            legacy[1].PreviousHash = legacy[0].Hash;
            legacy[1].Hash = AuditTrail.ComputeHash(legacy[1], null);
            var firstKeyed = await db.AuditEntries.SingleAsync(e => e.Sequence == 3);
            firstKeyed.PreviousHash = legacy[1].Hash;
            await db.SaveChangesAsync();
        }

        var rewritten = await NewTrail().VerifyAsync();

        Assert.Equal((AuditChainState.Rewritten, 3L, 2L), (rewritten.State, rewritten.BrokenAtSequence, rewritten.LegacyEntries));
    }

    [Fact]
    public async Task Checkpoints_are_appended_to_the_file_and_kept_across_restarts()
    {
        await File.WriteAllTextAsync(CheckpointFile, "# kept by the operator\n");
        var first = NewCheckpoints(everyEntries: 2);
        await AppendAsync(NewTrail(checkpoints: first), 3);
        var second = NewCheckpoints(everyEntries: 2);
        await AppendAsync(NewTrail(checkpoints: second), 2);
        Assert.Null(await second.WriteHeadAsync());

        var lines = await File.ReadAllLinesAsync(CheckpointFile);

        Assert.Equal("# kept by the operator", lines[0]);
        Assert.Equal(3, lines.Length);
        await using var db = _database.CreateContext();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(
            [(2L, entries[1].Id, entries[1].Hash, "2026-a"), (5L, entries[4].Id, entries[4].Hash, "2026-a")],
            lines.Skip(1).Select(l => AuditCheckpoint.TryParse(l)!).Select(c => (c.Sequence, c.EntryId, (string?)c.Hash, c.KeyId)));
        Assert.Matches("^TeleSurv audit checkpoint sequence=2 entry=[0-9a-f-]{36} hmac=[0-9a-f]{64} key=2026-a at=\\S+Z$", lines[1]);
        Assert.Null(AuditCheckpoint.TryParse("TeleSurv audit checkpoint sequence=5 entry=torn"));
    }

    [Fact]
    public async Task Stopped_twice_at_once_the_service_writes_one_last_checkpoint_and_neither_stop_is_over_before_it()
    {
        await AppendAsync(NewTrail(), 2);
        var slow = new HeldFactory(_database.Factory);
        var checkpoints = new AuditCheckpoints(
            new AuditCheckpointOptions { File = CheckpointFile, EveryEntries = 0, EverySeconds = 0 }, slow, _clock, NullLogger<AuditCheckpoints>.Instance);
        using var service = new AuditCheckpointService(checkpoints, _clock, NullLogger<AuditCheckpointService>.Instance);
        await service.StartAsync(CancellationToken.None);

        var first = service.StopAsync(CancellationToken.None);
        await slow.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = service.StopAsync(CancellationToken.None);

        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(200))));
        slow.Release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([2L], checkpoints.Read().Select(c => c.Sequence));
    }

    /// <summary>A database the first reader waits on until the test lets it through.</summary>
    private sealed class HeldFactory(IPortalDbContextFactory inner) : IPortalDbContextFactory
    {
        private int _calls;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Reached.SetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            return await inner.CreateAsync(cancellationToken);
        }
    }

    private AuditTrail NewTrail(AuditChainKeys? keys = null, AuditCheckpoints? checkpoints = null) =>
        new(_database.Factory, _clock, new AuditAppendLock(), keys ?? KeyA, checkpoints ?? NewCheckpoints(everyEntries: 0));

    private AuditCheckpoints NewCheckpoints(int everyEntries) =>
        new(new AuditCheckpointOptions { File = CheckpointFile, EveryEntries = everyEntries, EverySeconds = 0 }, _database.Factory, _clock, NullLogger<AuditCheckpoints>.Instance);

    /// <summary>Keys made of one repeated byte each: distinct, 32 bytes long, and readable in a test.</summary>
    private static AuditChainKeys Keys((string Id, byte Fill)[] keys, string current) =>
        new(keys.ToDictionary(k => k.Id, k => Enumerable.Repeat(k.Fill, 32).ToArray()), current);

    private static AuditChainKeys Keys((string Id, byte Fill) key, string current) => Keys([key], current);

    private async Task AppendAsync(AuditTrail trail, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await trail.AppendAsync(Record("patient.read", AuditOutcome.Success));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>What someone who can write the database but has no key can do: recompute every hash from <paramref name="fromSequence"/> on with the plain SHA-256.</summary>
    private async Task RecomputeWithoutKeyAsync(long fromSequence, bool dropKeyIds)
    {
        await using var db = _database.CreateContext();
        var entries = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        string? previous = null;
        foreach (var entry in entries)
        {
            if (entry.Sequence >= fromSequence)
            {
                entry.PreviousHash = previous;
                if (dropKeyIds)
                {
                    entry.ChainKeyId = null;
                }

                entry.Hash = AuditTrail.ComputeHash(entry, null);
            }

            previous = entry.Hash;
        }

        await db.SaveChangesAsync();
    }

    private static AuditRecord Record(string action, AuditOutcome outcome) => new()
    {
        Action = action,
        Outcome = outcome,
        Actor = "Claire MARTIN",
        StaffMemberId = Guid.CreateVersion7(),
        Role = nameof(StaffRole.Ide),
        EstablishmentId = Guid.CreateVersion7(),
        TargetType = "Patient",
        TargetId = Guid.CreateVersion7().ToString(),
        PatientId = Guid.CreateVersion7(),
    };
}

public sealed class AuditTrailSqliteTests() : AuditTrailTests(DatabaseProvider.Sqlite);

public sealed class AuditTrailPostgresTests() : AuditTrailTests(DatabaseProvider.Postgres);

[OnSqlServer]
public sealed class AuditTrailSqlServerTests() : AuditTrailTests(DatabaseProvider.SqlServer);

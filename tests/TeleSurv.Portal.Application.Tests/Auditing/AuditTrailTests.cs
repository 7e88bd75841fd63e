using Microsoft.EntityFrameworkCore;
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
    private readonly FixedClock _clock = new(ApplicationHost.DefaultNow.AddTicks(1_234_567));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await _database.DisposeAsync();

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
        Assert.Equal(second.Hash, AuditTrail.ComputeHash(stored));
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
        await NewTrail().AppendAsync(Record("patient.read", AuditOutcome.Success));

        var verification = await host.SendAsync(admin, new VerifyAuditTrailQuery());
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => host.SendAsync(TestCurrentUser.Staff(StaffRole.Ide), new VerifyAuditTrailQuery()));

        Assert.Equal(AuditChainVerification.Intact(1), verification);
        var entries = await host.AuditEntriesAsync(e => e.Action == "audit.verify");
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Denied], entries.Select(e => e.Outcome));
        Assert.Equal(AuditChainVerification.Intact(3), await NewTrail().VerifyAsync());
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

    private AuditTrail NewTrail() => new(_database.Factory, _clock, new AuditAppendLock());

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

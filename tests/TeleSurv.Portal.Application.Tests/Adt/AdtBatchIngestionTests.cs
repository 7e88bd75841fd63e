using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Adt;

/// <summary>
/// Messages received together are applied in one unit of work, each seeing what the ones before it did before
/// anything is saved. Whatever the path (together, or one by one with savepoints when one is refused or is a merge),
/// the answers and the effects are those of the same messages ingested one at a time.
/// </summary>
public abstract class AdtBatchIngestionTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private Establishment _establishment = null!;

    public async Task InitializeAsync()
    {
        _establishment = TestData.Establishment("CH de test ADT par lots");
        await Host.InsertAsync(_establishment);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewControlId() => "C" + Guid.NewGuid().ToString("N")[..19];

    /// <summary>A patient of its own, with an INS of its own (its right key), so that no other test's patient is reconciled with it.</summary>
    private PidSpec NewPid()
    {
        var thirteen = "1" + string.Concat(Guid.NewGuid().ToByteArray().Take(12).Select(b => (char)('0' + (b % 10))));
        return new()
        {
            Ipp = "IPP" + Guid.NewGuid().ToString("N")[..12],
            Authority = _establishment.Code,
            Ins = thirteen + Nir.Key(thirteen).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static string MrgOf(PidSpec pid) => $"MRG|{pid.Ipp}^^^{pid.Authority}&1.2.250.1.71.4.2.2&ISO^PI";

    /// <summary>
    /// The life of one patient, each message building on those before: created, admitted, the stay corrected (Z99),
    /// the identity updated (A31), the IPP changed (A47), transferred under the new IPP, the admission cancelled, and
    /// a resent copy of the admission.
    /// </summary>
    private List<string> Story(PidSpec pid)
    {
        var renamed = pid with { Ipp = pid.Ipp + "N" };
        var (admission, transfer) = ("M" + NewControlId(), "M" + NewControlId());
        var admitted = AdtSamples.Movement("A01", NewControlId(), pid, admission, "INSERT");
        return
        [
            AdtSamples.Identity("A28", NewControlId(), pid),
            admitted,
            AdtSamples.Movement("Z99", NewControlId(), pid, admission, "UPDATE", "A01", patientClass: "V", at: "202603100800", medicalUnit: "4015"),
            AdtSamples.Identity("A31", NewControlId(), pid with { Names = "ROUSSEAU^HÉLÈNE^HÉLÈNE MARIE^^^^L", Telecom = "\"\"" }),
            AdtSamples.Message("A47", NewControlId(), "ADT_A30", renamed.Segment(), MrgOf(pid)),
            AdtSamples.Movement("A02", NewControlId(), renamed, transfer, "INSERT", medicalUnit: "4020"),
            AdtSamples.Movement("A11", NewControlId(), renamed, admission, "CANCEL", "A01"),
            admitted,
        ];
    }

    private Task<IReadOnlyList<AdtIngestionResult>> IngestTogetherAsync(IEnumerable<string> messages) => IngestTogetherAsync(Host, messages);

    private static async Task<IReadOnlyList<AdtIngestionResult>> IngestTogetherAsync(ApplicationHost host, IEnumerable<string> messages)
    {
        var codec = host.Services.GetRequiredService<IAdtMessageCodec>();
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdtIngestion>().IngestBatchAsync([.. messages.Select(codec.Read)]);
    }

    private async Task<IReadOnlyList<AdtIngestionResult>> IngestOneByOneAsync(IEnumerable<string> messages)
    {
        var results = new List<AdtIngestionResult>();
        foreach (var message in messages)
        {
            results.Add(await Host.IngestAsync(message));
        }

        return results;
    }

    /// <summary>What the portal holds of a patient and its movements, without ids and the IPP's own value.</summary>
    private async Task<string> StateAsync(PidSpec pid)
    {
        await using var db = Host.Database.CreateContext();
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.IppAuthority == pid.Authority && (p.Ipp == pid.Ipp || p.Ipp == pid.Ipp + "N"));
        var movements = await db.AdtMovements.AsNoTracking().Where(m => m.PatientId == patient.Id).OrderBy(m => m.At).ToListAsync();
        var journal = await db.AdtMessages.AsNoTracking().Where(j => j.PatientId == patient.Id).CountAsync();
        return string.Join(" | ",
            $"IPP {(patient.Ipp == pid.Ipp ? "same" : patient.Ipp == pid.Ipp + "N" ? "renamed" : patient.Ipp)}",
            $"{patient.BirthFamilyName} {patient.UsedFamilyName ?? "-"} {patient.Phone ?? "-"} {patient.Email ?? "-"} {patient.Ins == pid.Ins} {patient.IdentityStatus}",
            string.Join(", ", movements.Select(m => $"{m.Trigger} {m.Status} {m.PatientClass} {m.MedicalUnitCode} {m.At:yyyyMMddHHmm} rev {m.Revisions}")),
            $"{journal} journal rows");
    }

    [Fact]
    public async Task Messages_that_build_on_one_another_are_applied_together_as_they_would_be_one_by_one()
    {
        var alone = new[] { NewPid(), NewPid(), NewPid() };
        var together = new[] { NewPid(), NewPid(), NewPid() };

        // More messages, and more keys of each kind, than one read of the batch seeks at once.
        var aloneResults = await IngestOneByOneAsync(alone.SelectMany(Story));
        var counting = new QueryCounter();
        using var host = new ApplicationHost(Host.Database, services => services.AddSingleton(InterceptedDatabase.Factory(Host.Database, counting)));
        var togetherResults = await IngestTogetherAsync(host, together.SelectMany(Story));

        // Applied together, not message by message (three queries each at least): the establishments, then the
        // journal rows in three reads of eight, the patients and the movements in one each; and, once committed, the
        // end of the audit chain for each of the three IPP changes the trail records.
        Assert.Equal(6 + 3, counting.Queries);

        Assert.Equal(24, togetherResults.Count);
        Assert.All(togetherResults, r => Assert.Equal(AdtAckCode.AA, r.Code));
        Assert.Equal(aloneResults.Select(r => (r.Code, r.Status, r.Duplicate)), togetherResults.Select(r => (r.Code, r.Status, r.Duplicate)));
        Assert.Equal(togetherResults[1].JournalId, togetherResults[7].JournalId);
        Assert.Equal(togetherResults[1].Ack, togetherResults[7].Ack);
        for (var i = 0; i < alone.Length; i++)
        {
            Assert.Equal(await StateAsync(alone[i]), await StateAsync(together[i]));
        }

        var state = await StateAsync(together[0]);
        Assert.Equal("IPP renamed | ROUSSEAU - - - True Qualified | A01 Cancelled Virtual 4015 202603100700 rev 1, A02 Active Inpatient 4020 202603100930 rev 0 | 7 journal rows", state);
    }

    [Fact]
    public async Task A_batch_reads_its_journal_rows_patients_and_movements_in_three_queries_whatever_its_size()
    {
        var counting = new QueryCounter();
        using var host = new ApplicationHost(Host.Database, services => services.AddSingleton(InterceptedDatabase.Factory(Host.Database, counting)));
        var codec = host.Services.GetRequiredService<IAdtMessageCodec>();
        await using var scope = host.Services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<AdtIngestion>();

        // The establishments are read once, by the first message.
        await ingestion.IngestAsync(AdtSamples.Identity("A28", NewControlId(), NewPid()));
        var counts = new List<int>();
        foreach (var size in new[] { 2, 8 })
        {
            var messages = Enumerable.Range(0, size)
                .Select(_ => codec.Read(AdtSamples.Movement("A01", NewControlId(), NewPid(), "M" + NewControlId(), "INSERT")))
                .ToList();
            var before = counting.Queries;
            var results = await ingestion.IngestBatchAsync(messages);
            Assert.All(results, r => Assert.Equal((AdtAckCode.AA, false), (r.Code, r.Duplicate)));
            counts.Add(counting.Queries - before);
        }

        Assert.Equal([3, 3], counts);
    }

    [Fact]
    public async Task A_copy_of_a_message_stored_earlier_is_recognised_within_a_batch_and_keeps_its_first_acknowledgement()
    {
        var pid = NewPid();
        var earlier = Story(pid);
        var first = await IngestOneByOneAsync(earlier.Take(2));
        var fresh = NewPid();

        var results = await IngestTogetherAsync([earlier[1], AdtSamples.Movement("A01", NewControlId(), fresh, "M" + NewControlId(), "INSERT"), earlier[0]]);

        Assert.Equal([true, false, true], results.Select(r => r.Duplicate));
        Assert.Equal((first[1].JournalId, first[1].Ack), (results[0].JournalId, results[0].Ack));
        Assert.Equal((first[0].JournalId, first[0].Ack), (results[2].JournalId, results[2].Ack));
        await using var db = Host.Database.CreateContext();
        Assert.Equal(1, await db.Patients.CountAsync(p => p.Ipp == fresh.Ipp));
        Assert.Equal(1, await db.AdtMovements.CountAsync(m => db.Patients.Any(p => p.Id == m.PatientId && p.Ipp == pid.Ipp)));
    }

    [Fact]
    public async Task A_merge_received_with_movements_is_applied_in_order_and_the_movement_of_the_absorbed_ipp_reaches_the_survivor()
    {
        var (survivor, absorbed) = (NewPid(), NewPid());
        var messages = new[]
        {
            AdtSamples.Identity("A28", NewControlId(), survivor),
            AdtSamples.Movement("A01", NewControlId(), absorbed, "M" + NewControlId(), "INSERT"),
            AdtSamples.Merge(NewControlId(), survivor, absorbed.Ipp, absorbed.Authority),
            AdtSamples.Movement("A01", NewControlId(), absorbed, "M" + NewControlId(), "INSERT", at: "202603111030"),
        };

        var results = await IngestTogetherAsync(messages);

        Assert.All(results, r => Assert.Equal(AdtAckCode.AA, r.Code));
        Assert.Contains("ERR|", results[3].Ack, StringComparison.Ordinal);
        await using var db = Host.Database.CreateContext();
        var survivorId = await db.Patients.Where(p => p.Ipp == survivor.Ipp).Select(p => p.Id).SingleAsync();
        Assert.Equal(survivorId, await db.Patients.Where(p => p.Ipp == absorbed.Ipp).Select(p => p.MergedIntoPatientId).SingleAsync());
        Assert.Equal(2, await db.AdtMovements.CountAsync(m => m.PatientId == survivorId));
    }

    [Fact]
    public async Task A_patient_entered_by_hand_is_reconciled_within_a_batch_and_the_next_message_finds_it()
    {
        var pid = NewPid();
        var provisional = Patient.CreateProvisional(new PatientIdentity
        {
            Ipp = pid.Ipp + "X",
            IppAuthority = pid.Authority,
            Ins = pid.Ins,
            InsOid = InsOids.TestNir,
            BirthFamilyName = "ROUSSO",
            FirstNames = "Hélène",
            BirthDate = new DateOnly(1979, 3, 28),
            Sex = Sex.Female,
        }, Host.Now);
        await Host.InsertAsync(provisional);

        var results = await IngestTogetherAsync(
        [
            AdtSamples.Identity("A28", NewControlId(), pid),
            AdtSamples.Movement("A01", NewControlId(), pid, "M" + NewControlId(), "INSERT"),
        ]);

        Assert.All(results, r => Assert.Equal(AdtAckCode.AA, r.Code));
        await using var db = Host.Database.CreateContext();
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == provisional.Id);
        Assert.Equal((pid.Ipp, PatientSource.Adt, "ROUSSEAU"), (patient.Ipp, patient.Source, patient.BirthFamilyName));
        Assert.Equal(1, await db.AdtMovements.CountAsync(m => m.PatientId == provisional.Id));
        Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "adt.reconcile" && e.PatientId == provisional.Id));
    }
}

public sealed class AdtBatchIngestionSqliteTests(SqliteDatabaseFixture fixture) : AdtBatchIngestionTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class AdtBatchIngestionPostgresTests(PostgresDatabaseFixture fixture) : AdtBatchIngestionTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class AdtBatchIngestionSqlServerTests(SqlServerDatabaseFixture fixture) : AdtBatchIngestionTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Infrastructure.Oru;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Oru;

/// <summary>
/// Fault stories against a real receiver no one here wrote (Medplum's HL7 server on Node), over real MLLP, with the
/// received messages read back by Debian's python3-hl7. The sender is stepped by the test on the host's clock, so
/// that waits between attempts are the clock's, not the test's.
/// </summary>
public abstract class OruDeliveryStoryTests(DatabaseProvider provider) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TestDatabase _database = null!;
    private ApplicationHost _host = null!;
    private OruScenario _scenario = null!;

    private static OruOptions Settings(OruReceiver receiver) => new()
    {
        Enabled = true,
        EaiHost = "127.0.0.1",
        EaiPort = receiver.Port,
        ConnectTimeoutSeconds = 2,
        AckTimeoutSeconds = 2,
        RetryInitialMilliseconds = 1000,
        RetryMaxMilliseconds = 60_000,
        DegradedAfterMinutes = 15,
    };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _host = new ApplicationHost(_database);
        _scenario = await OruScenario.CreateAsync(_host);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task EAI_down_for_a_while_then_back_gets_everything_once_and_in_order()
    {
        await using var receiver = OruReceiver.Stopped();
        var first = await _scenario.AlertAsync("ROUSSEAU", "Hélène Marie", ins: "258047512345678");
        var second = await _scenario.AlertAsync("MARTIN", "Paul");
        var resolved = await _scenario.ResolveAsync(first);
        await _scenario.ResolveAsync(second);
        await _host.SendAsync(_scenario.Oncologist, new CorrectAlertReportCommand(first.Id, resolved.Version, "Rappel : nausées résolues."));
        await using var channel = Channel(receiver);
        var sender = Sender(channel, Settings(receiver));

        // Down: each round the oldest message is tried, refused at connect, and the sender waits, longer each time.
        var waits = new List<TimeSpan>();
        for (var round = 0; round < 4; round++)
        {
            var step = await sender.SendNextAsync(CancellationToken.None);
            Assert.Equal(OruSendOutcome.Unreachable, step.Outcome);
            waits.Add(step.RetryAt!.Value - _host.Now);
            _host.Clock.Now = step.RetryAt.Value;
        }

        Assert.True(waits[3] > waits[0], $"The waits grow: {string.Join(", ", waits)}");
        _host.Clock.Advance(TimeSpan.FromMinutes(20));
        var overview = await _host.SendAsync(_scenario.Admin, new GetOruOutboxQuery());
        Assert.Equal(3, overview.Statistics.Count(OruMessageState.Pending));
        Assert.True(overview.OldestPendingAge > TimeSpan.FromMinutes(20));
        var oldest = Assert.Single(overview.Messages.Items, m => m.Attempts > 0);
        Assert.Contains("127.0.0.1", oldest.LastError, StringComparison.Ordinal);

        // Back: everything goes, oldest first, each once.
        await receiver.StartAgainAsync();
        await DrainAsync(sender);

        var outbox = await _scenario.OutboxAsync();
        Assert.All(outbox, m => Assert.Equal(OruMessageState.Delivered, m.State));
        Assert.All(outbox, m => Assert.Equal("AA", m.AckCode));
        var received = receiver.Received;
        Assert.Equal(outbox.Select(m => m.ControlId), received.Select(r => r.ControlId));
        Assert.Equal(received.Count, received.Select(r => r.ControlId).Distinct().Count());
        Assert.Equal(5, outbox[0].Attempts);

        var report = await PythonHl7.ParseAsync(received[0].Message,
            "MSH.F3", "MSH.F9.R1.C1", "MSH.F9.R1.C2", "MSH.F9.R1.C3", "MSH.F10", "MSH.F12.R1.C1", "MSH.F12.R1.C2", "MSH.F12.R1.C3", "MSH.F17", "MSH.F18", "PID.F3.R1.C1", "PID.F3.R1.C5", "PID.F3.R2.C1", "PID.F3.R2.C4.S2",
            "PID.F3.R2.C5", "PID.F5.R1.C1", "PID.F5.R1.C2", "PID.F32", "PV1.F2", "ORC.F1", "ORC.F2.R1.C1", "OBR.F4.R1.C1", "OBR.F25");
        Assert.Equal(["MSH", "PID", "PV1", "ORC", "OBR", "OBX", "OBX", "OBX", "OBX", "OBX"], report.Segments);
        Assert.Equal(("TELESURV", outbox[0].ControlId), (report["MSH.F3"], report["MSH.F10"]));
        Assert.Equal(("ORU", "R01", "ORU_R01"), (report["MSH.F9.R1.C1"], report["MSH.F9.R1.C2"], report["MSH.F9.R1.C3"]));
        Assert.Equal(("2.5", "FRA", "2.11"), (report["MSH.F12.R1.C1"], report["MSH.F12.R1.C2"], report["MSH.F12.R1.C3"]));
        Assert.Equal(("FRA", "UNICODE UTF-8"), (report["MSH.F17"], report["MSH.F18"]));
        Assert.Equal(("PI", "258047512345678", "1.2.250.1.213.1.4.10", "INS"), (report["PID.F3.R1.C5"], report["PID.F3.R2.C1"], report["PID.F3.R2.C4.S2"], report["PID.F3.R2.C5"]));
        Assert.StartsWith("IPP", report["PID.F3.R1.C1"], StringComparison.Ordinal);
        Assert.Equal(("ROUSSEAU", "Hélène", "VALI"), (report["PID.F5.R1.C1"], report["PID.F5.R1.C2"], report["PID.F32"]));
        Assert.Equal(("V", "NW", "F"), (report["PV1.F2"], report["ORC.F1"], report["OBR.F25"]));
        Assert.Equal(OruMessageEncoder.ReportCode, report["OBR.F4.R1.C1"]);

        var observations = report.Observations;
        Assert.Equal(["NM", "NM", "NM", "NM", "FT"], observations.Select(o => o[2]));
        Assert.Equal(("nausea.composite^Nausées — grade composite PRO-CTCAE^TELESURV-PROCTCAE", "3"), (observations[0][3], observations[0][5]));
        Assert.Equal(("nausea.ctcae", "2", "1"), (observations[1][3].Split('^')[0], observations[1][5], observations[1][4]));
        Assert.Equal(("fatigue.composite", "1"), (observations[2][3].Split('^')[0], observations[2][5]));
        Assert.Equal(("8310-5", "38.4", "Cel^degré Celsius^UCUM"), (observations[3][3].Split('^')[0], observations[3][5], observations[3][6]));
        Assert.StartsWith("COMPTE RENDU DE TÉLÉSURVEILLANCE MÉDICALE\r", observations[4][5], StringComparison.Ordinal);
        Assert.Contains("Température déclarée : 38,4 °C", observations[4][5], StringComparison.Ordinal);
        Assert.All(observations, o => Assert.Equal("F", o[11]));

        var secondPatient = await PythonHl7.ParseAsync(received[1].Message, "PID.F3.R2.C1", "PID.F32");
        Assert.Equal((null, "PROV"), (NullIfEmpty(secondPatient["PID.F3.R2.C1"]), secondPatient["PID.F32"]));

        var correction = await PythonHl7.ParseAsync(received[2].Message, "ORC.F1", "ORC.F2.R1.C1", "OBR.F25");
        Assert.Equal(("RO", report["ORC.F2.R1.C1"], "C"), (correction["ORC.F1"], correction["ORC.F2.R1.C1"], correction["OBR.F25"]));
        Assert.All(correction.Observations, o => Assert.Equal("C", o[11]));
        Assert.Contains("Complément (version 2) : Rappel : nausées résolues.", correction.Observations[^1][5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_the_EAI_refuses_with_AE_is_parked_visible_and_goes_once_requeued()
    {
        await using var receiver = await OruReceiver.StartAsync();
        await receiver.ScriptAsync("AE");
        var first = await _scenario.AlertAsync("ROUSSEAU", "Hélène");
        var other = await _scenario.AlertAsync("MARTIN", "Paul");
        var resolved = await _scenario.ResolveAsync(first);
        await _host.SendAsync(_scenario.Oncologist, new CorrectAlertReportCommand(first.Id, resolved.Version, "Complément."));
        await _scenario.ResolveAsync(other);
        await using var channel = Channel(receiver);
        var sender = Sender(channel, Settings(receiver));

        Assert.Equal(OruSendOutcome.Failed, (await sender.SendNextAsync(CancellationToken.None)).Outcome);
        Assert.Equal(OruSendOutcome.Delivered, (await sender.SendNextAsync(CancellationToken.None)).Outcome);
        Assert.Equal(OruSendOutcome.NothingDue, (await sender.SendNextAsync(CancellationToken.None)).Outcome);

        var overview = await _host.SendAsync(_scenario.Admin, new GetOruOutboxQuery());
        Assert.Equal((1, 1, 1), (overview.Statistics.Count(OruMessageState.Failed), overview.Statistics.Count(OruMessageState.Pending), overview.Statistics.Count(OruMessageState.Delivered)));
        var parked = Assert.Single(overview.Messages.Items, m => m.State == OruMessageState.Failed);
        Assert.Equal(("AE", "Scripted AE from the test receiver"), (parked.AckCode, parked.AckText));
        var waiting = Assert.Single(overview.Messages.Items, m => m.State == OruMessageState.Pending);
        Assert.True(waiting.WaitsForEarlier);
        Assert.Equal(OruMessageKind.Correction, waiting.Kind);
        var detail = await _host.SendAsync(_scenario.Admin, new GetOruMessageQuery(parked.Sequence));
        Assert.Contains("MSA|AE|" + parked.ControlId, detail.Ack, StringComparison.Ordinal);
        Assert.StartsWith("MSH|^~\\&|TELESURV|", detail.Message, StringComparison.Ordinal);
        Assert.Single(await _host.AuditEntriesAsync(e => e.Action == "oru.message.read" && e.TargetId == parked.ControlId));

        await Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(_scenario.Admin, new RequeueOruMessageCommand(waiting.Sequence)));
        Assert.Equal(OruMessageState.Pending, await _host.SendAsync(_scenario.Admin, new RequeueOruMessageCommand(parked.Sequence)));
        await DrainAsync(sender);

        var outbox = await _scenario.OutboxAsync();
        Assert.All(outbox, m => Assert.Equal(OruMessageState.Delivered, m.State));
        var requeued = outbox.Single(m => m.ControlId == parked.ControlId);
        Assert.Equal((2, 1, "Nadia ROUSSEL"), (requeued.Attempts, requeued.Requeues, requeued.RequeuedBy));
        Assert.Equal(
            [(parked.ControlId, "AE"), (outbox[2].ControlId, "AA"), (parked.ControlId, "AA"), (waiting.ControlId, "AA")],
            receiver.Received.Select(r => (r.ControlId, r.Answer)));
        Assert.Single(await _host.AuditEntriesAsync(e => e.Action == "oru.message.requeue" && e.Outcome == Domain.Auditing.AuditOutcome.Success));
    }

    [Fact]
    public async Task AR_and_silence_are_tried_again_later_with_the_same_control_id()
    {
        await using var receiver = await OruReceiver.StartAsync();
        await receiver.ScriptAsync("AR", "none", "close");
        await _scenario.ResolveAsync(await _scenario.AlertAsync());
        await using var channel = Channel(receiver);
        var settings = Settings(receiver);
        var sender = Sender(channel, settings);

        var refused = await sender.SendNextAsync(CancellationToken.None);
        Assert.Equal(OruSendOutcome.Retry, refused.Outcome);
        var wait = refused.RetryAt!.Value - _host.Now;
        Assert.InRange(wait, settings.RetryInitial / 2, settings.RetryInitial);
        Assert.Equal(OruSendOutcome.NothingDue, (await sender.SendNextAsync(CancellationToken.None)).Outcome);
        var pending = Assert.Single(await _scenario.OutboxAsync());
        Assert.Equal((OruMessageState.Pending, "AR"), (pending.State, pending.AckCode));

        _host.Clock.Now = refused.RetryAt.Value;
        var silent = await sender.SendNextAsync(CancellationToken.None);
        Assert.Equal(OruSendOutcome.Unreachable, silent.Outcome);
        Assert.Contains("No acknowledgement", Assert.Single(await _scenario.OutboxAsync()).LastError, StringComparison.Ordinal);

        _host.Clock.Now = silent.RetryAt!.Value;
        Assert.Equal(OruSendOutcome.Unreachable, (await sender.SendNextAsync(CancellationToken.None)).Outcome);
        _host.Clock.Advance(TimeSpan.FromMinutes(10));
        await DrainAsync(sender);

        var delivered = Assert.Single(await _scenario.OutboxAsync());
        Assert.Equal((OruMessageState.Delivered, 4, "AA"), (delivered.State, delivered.Attempts, delivered.AckCode));
        Assert.Equal(["AR", "none", "close", "AA"], receiver.Received.Select(r => r.Answer));
        Assert.All(receiver.Received, r => Assert.Equal(delivered.ControlId, r.ControlId));
    }

    [Fact]
    public async Task A_message_in_flight_when_the_sender_dies_is_sent_again_with_the_same_control_id()
    {
        await using var receiver = await OruReceiver.StartAsync(answer: "none");
        await _scenario.ResolveAsync(await _scenario.AlertAsync());
        var settings = Settings(receiver);
        settings.AckTimeoutSeconds = 60;

        await using (var dying = Channel(receiver))
        {
            using var death = new CancellationTokenSource();
            var sending = Sender(dying, settings).SendNextAsync(death.Token);
            await receiver.WaitForReceivedAsync(1, Patience);
            await death.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        }

        var inFlight = Assert.Single(await _scenario.OutboxAsync());
        Assert.Equal((OruMessageState.Sending, 1), (inFlight.State, inFlight.Attempts));

        await receiver.AnswerAsync("AA");
        await using var channel = Channel(receiver);
        var restarted = Sender(channel, settings);
        Assert.Equal(1, await restarted.RecoverAsync(CancellationToken.None));
        await DrainAsync(restarted);

        var delivered = Assert.Single(await _scenario.OutboxAsync());
        Assert.Equal((OruMessageState.Delivered, 2), (delivered.State, delivered.Attempts));
        Assert.Equal([(inFlight.ControlId, "none"), (inFlight.ControlId, "AA")], receiver.Received.Select(r => (r.ControlId, r.Answer)));
    }

    [Fact]
    public async Task A_withdrawn_report_reaches_the_EAI_as_a_deletion_of_the_same_order()
    {
        await using var receiver = await OruReceiver.StartAsync();
        var alert = await _scenario.AlertAsync("ROUSSEAU", "Hélène Marie");
        var resolved = await _scenario.ResolveAsync(alert);
        await _host.SendAsync(_scenario.Nurse, new WithdrawAlertReportCommand(alert.Id, resolved.Version, "Compte rendu écrit pour un autre patient."));
        await using var channel = Channel(receiver);
        await DrainAsync(Sender(channel, Settings(receiver)));

        var outbox = await _scenario.OutboxAsync();
        Assert.Equal([OruMessageKind.Report, OruMessageKind.Withdrawal], outbox.Select(m => m.Kind));
        Assert.All(outbox, m => Assert.Equal((OruMessageState.Delivered, "AA"), (m.State, m.AckCode)));
        Assert.Equal(outbox.Select(m => m.ControlId), receiver.Received.Select(r => r.ControlId));

        string[] fields = ["MSH.F10", "ORC.F1", "ORC.F2.R1.C1", "ORC.F3.R1.C1", "ORC.F5", "OBR.F2.R1.C1", "OBR.F3.R1.C1", "OBR.F25"];
        var report = await PythonHl7.ParseAsync(receiver.Received[0].Message, fields);
        var withdrawal = await PythonHl7.ParseAsync(receiver.Received[1].Message, fields);
        Assert.Equal((outbox[1].ControlId, "CA", "CA", "X"), (withdrawal["MSH.F10"], withdrawal["ORC.F1"], withdrawal["ORC.F5"], withdrawal["OBR.F25"]));
        Assert.Equal(OruMessageEncoder.OrderNumber(alert.Id), withdrawal["ORC.F2.R1.C1"]);
        foreach (var order in new[] { "ORC.F2.R1.C1", "ORC.F3.R1.C1", "OBR.F2.R1.C1", "OBR.F3.R1.C1" })
        {
            Assert.Equal(report[order], withdrawal[order]);
        }

        Assert.All(report.Observations, o => Assert.Equal("F", o[11]));
        Assert.NotEmpty(withdrawal.Observations);
        Assert.All(withdrawal.Observations, o => Assert.Equal("D", o[11]));
        Assert.Contains("retire la version 1", withdrawal.Observations[^1][5], StringComparison.Ordinal);
        Assert.Contains("Compte rendu écrit pour un autre patient.", withdrawal.Observations[^1][5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_EAI_reads_the_professionals_by_parts_the_abnormal_flags_and_the_patients_comment()
    {
        await using var receiver = await OruReceiver.StartAsync();
        var alert = await _scenario.AlertAsync(comment: "J'ai mal | très ^mal & fatigue ~ 3 jours\nsurtout le soir");
        var confirmed = await _host.SendAsync(_scenario.Nurse, new ConfirmCtcaeGradeCommand(alert.Id, alert.Version, "nausea", 2, null));
        await _host.SendAsync(_scenario.Oncologist, new ResolveAlertCommand(alert.Id, confirmed.Version, "Antiémétique."));
        await using var channel = Channel(receiver);
        await DrainAsync(Sender(channel, Settings(receiver)));

        var received = Assert.Single(receiver.Received);
        var parsed = await PythonHl7.ParseAsync(received.Message,
            "ORC.F12.R1.C1", "ORC.F12.R1.C2", "ORC.F12.R1.C3", "ORC.F12.R1.C6", "ORC.F12.R1.C9.S1", "ORC.F12.R1.C9.S2", "ORC.F12.R1.C13",
            "OBR.F32.R1.C1.S1", "OBR.F32.R1.C1.S2", "OBR.F32.R1.C1.S3", "OBR.F32.R1.C1.S6", "OBR.F32.R1.C1.S9", "OBR.F32.R1.C1.S10", "OBR.F32.R1.C1.S11",
            "NTE.F3", "NTE.F4.R1.C1");

        // The oncologist who resolved ("Dr Sophie LEFÈVRE", RPPS 10003456789): by parts, with the RPPS authority.
        Assert.Equal(("10003456789", "LEFÈVRE", "Sophie", "DR"), (parsed["ORC.F12.R1.C1"], parsed["ORC.F12.R1.C2"], parsed["ORC.F12.R1.C3"], parsed["ORC.F12.R1.C6"]));
        Assert.Equal(("ASIP-SANTE-PS", OruMessageEncoder.RppsOid, "RPPS"), (parsed["ORC.F12.R1.C9.S1"], parsed["ORC.F12.R1.C9.S2"], parsed["ORC.F12.R1.C13"]));
        Assert.Equal(("10003456789", "LEFÈVRE", "Sophie", "DR"), (parsed["OBR.F32.R1.C1.S1"], parsed["OBR.F32.R1.C1.S2"], parsed["OBR.F32.R1.C1.S3"], parsed["OBR.F32.R1.C1.S6"]));
        Assert.Equal(("ASIP-SANTE-PS", OruMessageEncoder.RppsOid, "ISO"), (parsed["OBR.F32.R1.C1.S9"], parsed["OBR.F32.R1.C1.S10"], parsed["OBR.F32.R1.C1.S11"]));

        Assert.Equal(["MSH", "PID", "PV1", "ORC", "OBR", "OBX", "OBX", "OBX", "OBX", "OBX", "NTE"], parsed.Segments);
        var observations = parsed.Observations;
        Assert.Equal(("3", "HH"), (observations[0][5], observations[0][8]));
        Assert.Equal(("2", "H"), (observations[1][5], observations[1][8]));
        Assert.Equal(("1", "N"), (observations[2][5], observations[2][8]));
        Assert.Equal(string.Empty, observations[3][8] ?? string.Empty);
        Assert.Equal("J'ai mal | très ^mal & fatigue ~ 3 jours\rsurtout le soir", parsed["NTE.F3"]);
        Assert.Equal("RE", parsed["NTE.F4.R1.C1"]);
    }

    [Fact]
    public async Task A_feed_in_8859_15_arrives_with_its_accents()
    {
        await using var receiver = await OruReceiver.StartAsync(encoding: "iso-8859-15");
        using var host = new ApplicationHost(_database, services => services.Configure<OruOptions>(o => o.CharacterSet = OruOptions.Latin9));
        var scenario = await OruScenario.CreateAsync(host);
        await scenario.ResolveAsync(await scenario.AlertAsync("LEFÈVRE", "Œdipe Hélène"));
        var settings = Settings(receiver);
        await using var channel = Channel(receiver);
        await DrainAsync(Sender(channel, settings));

        var received = Assert.Single(receiver.Received);
        var parsed = await PythonHl7.ParseAsync(received.Message, "MSH.F18", "PID.F5.R1.C1", "PID.F5.R1.C3");
        Assert.Equal(("8859/15", "LEFÈVRE", "Œdipe Hélène"), (parsed["MSH.F18"], parsed["PID.F5.R1.C1"], parsed["PID.F5.R1.C3"]));
        Assert.Equal("nausea.composite^Nausées - grade composite PRO-CTCAE^TELESURV-PROCTCAE", parsed.Observations[0][3]);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static MllpOruChannel Channel(OruReceiver receiver) =>
        new(Options.Create(Settings(receiver)), NullLogger<Hl7.Mllp.MllpClient>.Instance);

    private OruOutboxSender Sender(IOruChannel channel, OruOptions settings) =>
        new(_database.Factory, channel, new SingleInstanceOruSenderLease(), _host.Clock, Options.Create(settings), NullLogger<OruOutboxSender>.Instance);

    /// <summary>Steps the sender until nothing is due; a step that finds the EAI away fails the test.</summary>
    private static async Task DrainAsync(OruOutboxSender sender)
    {
        for (var steps = 0; steps < 100; steps++)
        {
            var step = await sender.SendNextAsync(CancellationToken.None);
            if (step.Outcome == OruSendOutcome.NothingDue)
            {
                return;
            }

            Assert.NotEqual(OruSendOutcome.Unreachable, step.Outcome);
        }

        Assert.Fail("The outbox did not drain in 100 steps.");
    }
}

public sealed class OruDeliveryStorySqliteTests() : OruDeliveryStoryTests(DatabaseProvider.Sqlite);

public sealed class OruDeliveryStoryPostgresTests() : OruDeliveryStoryTests(DatabaseProvider.Postgres);

[OnSqlServer]
public sealed class OruDeliveryStorySqlServerTests() : OruDeliveryStoryTests(DatabaseProvider.SqlServer);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Hl7;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Oru;

/// <summary>Every report version writes its ORU message in its own transaction: both or neither.</summary>
public abstract class OruOutboxWriteTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private OruScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OruScenario.CreateAsync(Host);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Resolution_writes_a_pending_ORU_message_for_report_version_1()
    {
        var alert = await _scenario.AlertAsync();

        await _scenario.ResolveAsync(alert);

        var report = Assert.Single(await _scenario.ReportsAsync(alert.Id));
        var message = Assert.Single(await _scenario.OutboxAsync(alert.Id));
        Assert.Equal((OruMessageKind.Report, report.Id, 1, alert.PatientId), (message.Kind, message.ReportId, message.ReportVersion, message.PatientId));
        Assert.Equal((OruMessageState.Pending, 0, Host.Now), (message.State, message.Attempts, message.NextAttemptAt));
        Assert.Equal(OruOptions.Utf8, message.CharacterSet);
        Assert.Equal(20, message.ControlId.Length);

        var hl7 = Hl7Message.Parse(message.Message);
        Assert.False(hl7.HasErrors);
        Assert.Equal(("ORU", "R01", message.ControlId), (hl7.MessageType, hl7.TriggerEvent, hl7.ControlId));
        Assert.Equal("NW", hl7.Get("ORC-1").Text);
        Assert.Equal(1, hl7.Get("PID-5").RepetitionCount);
        Assert.All(hl7.SegmentsNamed("OBX"), obx => Assert.Equal("F", obx.Get(11).Text));
    }

    [Fact]
    public async Task The_used_name_is_sent_as_a_d_repetition_beside_the_l_birth_name()
    {
        var withUsedName = await _scenario.AlertAsync();
        await using (var db = Host.Database.CreateContext())
        {
            await db.Patients.Where(p => p.Id == withUsedName.PatientId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.UsedFamilyName, "DURAND").SetProperty(p => p.UsedFirstName, "Léna"));
        }

        await _scenario.ResolveAsync(withUsedName);

        var hl7 = Hl7Message.Parse(Assert.Single(await _scenario.OutboxAsync(withUsedName.Id)).Message);
        Assert.Equal(2, hl7.Get("PID-5").RepetitionCount);
        Assert.Equal("L", hl7.Get("PID-5[1].7").Text);
        Assert.Equal(("DURAND", "Léna", "D"), (hl7.Get("PID-5[2].1").Text, hl7.Get("PID-5[2].2").Text, hl7.Get("PID-5[2].7").Text));
    }

    [Fact]
    public async Task A_correction_is_sent_as_a_correction_of_the_same_order()
    {
        var alert = await _scenario.AlertAsync();
        var resolved = await _scenario.ResolveAsync(alert);
        Host.Clock.Advance(TimeSpan.FromHours(20));

        await Host.SendAsync(_scenario.Oncologist, new CorrectAlertReportCommand(alert.Id, resolved.Version, "Le patient a rappelé : nausées résolues."));

        var messages = await _scenario.OutboxAsync(alert.Id);
        Assert.Equal([OruMessageKind.Report, OruMessageKind.Correction], messages.Select(m => m.Kind));
        Assert.Equal([1, 2], messages.Select(m => m.ReportVersion));
        Assert.True(messages[0].Sequence < messages[1].Sequence);
        Assert.NotEqual(messages[0].ControlId, messages[1].ControlId);
        var first = Hl7Message.Parse(messages[0].Message);
        var correction = Hl7Message.Parse(messages[1].Message);
        Assert.Equal("RO", correction.Get("ORC-1").Text);
        Assert.Equal("C", correction.Get("OBR-25").Text);
        Assert.All(correction.SegmentsNamed("OBX"), obx => Assert.Equal("C", obx.Get(11).Text));
        Assert.Equal(first.Get("ORC-2").Raw, correction.Get("ORC-2").Raw);
        Assert.Equal(first.Get("OBR-3").Raw, correction.Get("OBR-3").Raw);
    }

    [Fact]
    public async Task A_withdrawal_is_sent_as_a_deletion_of_the_same_order_in_the_same_transaction()
    {
        var alert = await _scenario.AlertAsync();
        var resolved = await _scenario.ResolveAsync(alert);
        Host.Clock.Advance(TimeSpan.FromHours(3));

        var withdrawn = await Host.SendAsync(_scenario.Oncologist, new WithdrawAlertReportCommand(alert.Id, resolved.Version, "Écrit pour un autre patient."));

        var reports = await _scenario.ReportsAsync(alert.Id);
        var messages = await _scenario.OutboxAsync(alert.Id);
        Assert.Equal([OruMessageKind.Report, OruMessageKind.Withdrawal], messages.Select(m => m.Kind));
        Assert.Equal((reports[^1].Id, 2, Host.Now), (messages[1].ReportId, messages[1].ReportVersion, messages[1].CreatedAt));
        Assert.Equal(2, withdrawn.ReportVersion);
        var first = Hl7Message.Parse(messages[0].Message);
        var withdrawal = Hl7Message.Parse(messages[1].Message);
        Assert.Equal(("CA", "CA", "X"), (withdrawal.Get("ORC-1").Text, withdrawal.Get("ORC-5").Text, withdrawal.Get("OBR-25").Text));
        Assert.All(withdrawal.SegmentsNamed("OBX"), obx => Assert.Equal("D", obx.Get(11).Text));
        Assert.Equal(first.Get("ORC-2").Raw, withdrawal.Get("ORC-2").Raw);
        Assert.Equal(first.Get("OBR-3").Raw, withdrawal.Get("OBR-3").Raw);
    }

    [Fact]
    public async Task A_withdrawal_refused_for_a_stale_version_writes_neither_report_nor_message()
    {
        var alert = await _scenario.AlertAsync();
        await _scenario.ResolveAsync(alert);

        await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(_scenario.Oncologist, new WithdrawAlertReportCommand(alert.Id, alert.Version, "Erreur.")));

        Assert.Single(await _scenario.ReportsAsync(alert.Id));
        Assert.Single(await _scenario.OutboxAsync(alert.Id));
    }

    [Fact]
    public async Task An_oncologist_who_resolves_with_the_decision_writes_the_message_too()
    {
        var alert = await _scenario.AlertAsync();
        var escalated = await Host.SendAsync(_scenario.Nurse, new EscalateToOncologistCommand(alert.Id, alert.Version, "Antiémétique ?", EscalationUrgency.Routine));

        await Host.SendAsync(_scenario.Oncologist, new RecordOncologistDecisionCommand(
            alert.Id, escalated.Version, OncologistDecisionKind.ContinueTreatment, "Poursuivre.", ResolveAlert: true, Outcome: "Poursuite du traitement."));

        var message = Assert.Single(await _scenario.OutboxAsync(alert.Id));
        Assert.Equal(OruMessageKind.Report, message.Kind);
        Assert.Equal(Assert.Single(await _scenario.ReportsAsync(alert.Id)).Id, message.ReportId);
    }

    [Fact]
    public async Task A_resolution_refused_for_a_stale_version_writes_neither_report_nor_message()
    {
        var alert = await _scenario.AlertAsync();
        await Host.SendAsync(_scenario.Nurse, new ClaimAlertCommand(alert.Id, alert.Version));

        await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(_scenario.Nurse, new ResolveAlertCommand(alert.Id, alert.Version, "Réglé.")));

        Assert.Empty(await _scenario.ReportsAsync(alert.Id));
        Assert.Empty(await _scenario.OutboxAsync(alert.Id));
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_as_a_message_is_not_written_either()
    {
        using var host = new ApplicationHost(Host.Database, services => services.AddSingleton<IOruMessageWriter, RefusingWriter>());
        var scenario = await OruScenario.CreateAsync(host);
        var alert = await scenario.AlertAsync();

        var refused = await Assert.ThrowsAsync<OruMessageException>(() => host.SendAsync(
            scenario.Nurse, new ResolveAlertCommand(alert.Id, alert.Version, "Réglé.")));

        Assert.Equal(RefusingWriter.Reason, refused.Message);
        Assert.Empty(await scenario.ReportsAsync(alert.Id));
        Assert.Empty(await scenario.OutboxAsync(alert.Id));
    }

    [Fact]
    public async Task Nothing_is_written_to_the_outbox_when_ORU_is_off()
    {
        using var host = new ApplicationHost(Host.Database, services => services.Configure<OruOptions>(o => o.Enabled = false));
        var scenario = await OruScenario.CreateAsync(host);
        var alert = await scenario.AlertAsync();

        await scenario.ResolveAsync(alert);

        Assert.Single(await scenario.ReportsAsync(alert.Id));
        Assert.Empty(await scenario.OutboxAsync(alert.Id));
    }

    private sealed class RefusingWriter : IOruMessageWriter
    {
        public const string Reason = "The report holds a character 8859/15 cannot write.";

        public OruWrittenMessage Write(OruReportVersion version) => throw new OruMessageException(Reason);

        public OruWrittenMessage WriteWeeklySummary(OruWeeklySummary summary) => throw new OruMessageException(Reason);
    }
}

public sealed class OruOutboxWriteSqliteTests(SqliteDatabaseFixture fixture) : OruOutboxWriteTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class OruOutboxWritePostgresTests(PostgresDatabaseFixture fixture) : OruOutboxWriteTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class OruOutboxWriteSqlServerTests(SqlServerDatabaseFixture fixture) : OruOutboxWriteTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

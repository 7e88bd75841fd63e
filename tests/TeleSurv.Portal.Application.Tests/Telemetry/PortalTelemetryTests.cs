using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Infrastructure.Adt;
using TeleSurv.Portal.Infrastructure.Oru;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Telemetry;

/// <summary>The meter and the activity source are process-wide: these tests run alone, so that counts are theirs.</summary>
[CollectionDefinition(nameof(MeasuredAlone), DisableParallelization = true)]
public sealed class MeasuredAlone;

/// <summary>
/// What a hospital's monitoring graphs, read as OpenTelemetry reads it (a <see cref="MeterListener"/> and an
/// <see cref="ActivityListener"/> on "TeleSurv.Portal"): each instrument records when its event happens.
/// </summary>
[Collection(nameof(MeasuredAlone))]
public sealed class PortalTelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;
    private TestDatabase _database = null!;
    private ApplicationHost _host = null!;

    public PortalTelemetryTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PortalTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PortalTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_spans);
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _host = new ApplicationHost(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task Each_adt_message_is_counted_by_outcome_and_timed_to_its_acknowledgement()
    {
        var establishment = TestData.Establishment("CHU de Rivemont");
        await _host.InsertAsync(establishment);
        var controlId = "T" + Guid.NewGuid().ToString("N")[..12];
        var pid = new PidSpec { Ipp = "IPP" + controlId, Authority = establishment.Code };
        var frame = Encoding.UTF8.GetBytes(AdtSamples.Movement("A01", controlId, pid, "M" + controlId, "INSERT"));
        await using var groupCommit = new AdtGroupCommit(_host.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AdtGroupCommit>.Instance, 1);
        var handler = new AdtMllpHandler(groupCommit, new Hl7AdtCodec(_host.Clock));

        // The same message twice: the sender did not get the first ACK.
        await handler.HandleAsync(new MllpMessage(frame, 1, null, DateTimeOffset.UtcNow, false), CancellationToken.None);
        await handler.HandleAsync(new MllpMessage(frame, 2, null, DateTimeOffset.UtcNow, false), CancellationToken.None);

        Assert.Equal(["applied", "duplicate"], Measured("telesurv.adt.messages").Select(m => (string?)m.Tags["outcome"]));
        Assert.All(Measured("telesurv.adt.messages"), m => Assert.Equal(1, m.Value));
        var durations = Measured("telesurv.adt.ack.duration");
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.InRange(d.Value, double.Epsilon, 60));
    }

    [Fact]
    public async Task Each_alert_raised_is_counted_with_its_priority_and_kind()
    {
        for (var i = 0; i < 2; i++)
        {
            await PatientScenario.CreateAsync(_host, e =>
            {
                e.StartDate = new DateOnly(2026, 3, 9);
                e.CreatedAt = new DateTime(2026, 3, 6, 9, 0, 0, DateTimeKind.Utc);
            });
        }

        // Both patients missed the week due Monday 03-09 (grace over on the Friday), and nothing else is due yet.
        _host.Clock.Now = new DateTimeOffset(2026, 3, 12, 23, 0, 0, TimeSpan.Zero);
        var run = await _host.SendAsync(TestCurrentUser.Anonymous(), new RaiseMissedQuestionnaireAlertsCommand());
        await _host.SendAsync(TestCurrentUser.Anonymous(), new RaiseMissedQuestionnaireAlertsCommand());

        Assert.Equal(2, run.AlertsRaised);
        var raised = Measured("telesurv.alerts.raised");
        Assert.Equal(2, raised.Count);
        Assert.All(raised, m => Assert.Equal(("Low", "NonResponder", 1d), ((string?)m.Tags["priority"], (string?)m.Tags["kind"], m.Value)));
    }

    [Fact]
    public async Task A_request_through_the_mediator_is_a_span_named_after_it_and_the_queue_read_is_timed()
    {
        var establishment = TestData.Establishment("CHU de Rivemont");
        await _host.InsertAsync(establishment);

        await _host.SendAsync(TestCurrentUser.Staff(StaffRole.Ide, establishment.Id), new GetAlertQueueQuery());
        await Assert.ThrowsAnyAsync<Exception>(() =>
            _host.SendAsync(TestCurrentUser.Anonymous(), new GetAlertQueueQuery()));

        var spans = _activities.Where(a => a.OperationName == nameof(GetAlertQueueQuery)).ToList();
        Assert.Equal([ActivityStatusCode.Unset, ActivityStatusCode.Error], spans.Select(s => s.Status));
        Assert.Single(Measured("telesurv.queue.query.duration"));
    }

    [Fact]
    public async Task The_sender_reports_the_backlog_and_the_age_of_its_oldest_message()
    {
        var establishment = TestData.Establishment("CHU de Rivemont");
        var patient = TestData.Patient("ROUSSEAU", "Hélène", new DateOnly(1958, 4, 2), establishment);
        var now = _host.Now;
        var messages = Enumerable.Range(0, 3).Select(n => new OruOutboxMessage
        {
            ControlId = OruControlId.New(now.AddMilliseconds(n)),
            Kind = OruMessageKind.Report,
            PatientId = patient.Id,
            EstablishmentId = establishment.Id,
            ReportVersion = n + 1,
            CreatedAt = now.AddMinutes(-10),
            Message = "MSH|^~\\&|TELESURV|330000001|EAI||20260310130000+0100||ORU^R01^ORU_R01|X|P|2.5\r",
            CharacterSet = OruOptions.Utf8,
            State = OruMessageState.Pending,
            NextAttemptAt = now,
        }).ToArray();
        await _host.InsertAsync([establishment, patient, .. messages]);
        var sender = new OruOutboxSender(
            _database.Factory, new Unused(), new SingleInstanceOruSenderLease(), _host.Clock, Options.Create(new OruOptions { Enabled = true }), NullLogger<OruOutboxSender>.Instance);

        await sender.ReadBacklogAsync(CancellationToken.None);
        _meters.RecordObservableInstruments();

        Assert.Equal(3, Assert.Single(Measured("telesurv.oru.backlog")).Value);
        Assert.Equal(600, Assert.Single(Measured("telesurv.oru.oldest.age")).Value);
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measured(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument)];

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }

    /// <summary>The backlog is read without sending anything.</summary>
    private sealed class Unused : IOruChannel
    {
        public Task<OruAcknowledgement> SendAsync(OruOutgoingMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("nothing is sent here");
    }
}

using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Infrastructure;
using TeleSurv.Portal.Web.Hosting;

namespace TeleSurv.Portal.IntegrationTests.Hosting;

/// <summary>The meter is process-wide: the circuit count is read while no other test runs.</summary>
[CollectionDefinition(nameof(MeasuredAlone), DisableParallelization = true)]
public sealed class MeasuredAlone;

/// <summary>OpenTelemetry is off unless an OTLP endpoint is configured; a wrong one stops the portal with its name.</summary>
[Collection(nameof(MeasuredAlone))]
public sealed class TelemetrySetupTests
{
    [Fact]
    public void Without_an_endpoint_nothing_is_exported()
    {
        using var provider = Build(new Dictionary<string, string?>());

        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
        Assert.Contains(provider.CreateScope().ServiceProvider.GetServices<CircuitHandler>(), h => h is CircuitMetricsHandler);
    }

    [Theory]
    [InlineData("http://collector:4317", null)]
    [InlineData("https://collector.ght.test:4318", "http/protobuf")]
    public void With_an_endpoint_traces_and_metrics_are_exported(string endpoint, string? protocol)
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            [TelemetrySetup.EndpointSetting] = endpoint,
            [TelemetrySetup.ProtocolSetting] = protocol,
        });

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData(TelemetrySetup.EndpointSetting, "collector:4317")]
    [InlineData(TelemetrySetup.EndpointSetting, "ftp://collector")]
    [InlineData(TelemetrySetup.ProtocolSetting, "udp")]
    public void A_wrong_setting_is_refused_with_its_name(string setting, string value)
    {
        var settings = new Dictionary<string, string?> { [TelemetrySetup.EndpointSetting] = "http://collector:4317", [setting] = value };

        var refused = Assert.Throws<PortalConfigurationException>(() => Build(settings));
        Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_circuits_are_counted_up_and_down()
    {
        var changes = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // By name: the instruments are created when the class is first used, which may be inside this callback.
            if (instrument.Meter.Name == PortalTelemetry.Name && instrument.Name == "telesurv.circuits.open")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            lock (changes)
            {
                changes.Add(value);
            }
        });
        listener.Start();
        var handler = new CircuitMetricsHandler();

        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await handler.OnCircuitClosedAsync(null!, CancellationToken.None);

        lock (changes)
        {
            Assert.Equal([1, 1, -1], changes);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}

using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Infrastructure;

namespace TeleSurv.Portal.Web.Hosting;

/// <summary>
/// OpenTelemetry, off unless <c>Telemetry:Otlp:Endpoint</c> names a collector: traces of HTTP requests and of every
/// request through the mediator, and the metrics of the <see cref="PortalTelemetry.Meter"/> with ASP.NET Core's own,
/// exported over OTLP (gRPC by default, or <c>Telemetry:Otlp:Protocol</c> <c>http/protobuf</c>).
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointSetting = "Telemetry:Otlp:Endpoint";

    public const string ProtocolSetting = "Telemetry:Otlp:Protocol";

    public const string ServiceNameSetting = "Telemetry:ServiceName";

    public const string DefaultServiceName = "telesurv-portal";

    /// <exception cref="PortalConfigurationException">The endpoint or the protocol is not one the exporter can use.</exception>
    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Counted whether or not anything exports: dotnet-counters and the tests read the meter too.
        services.AddScoped<CircuitHandler, CircuitMetricsHandler>();
        var raw = configuration[EndpointSetting];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return services;
        }

        if (!Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new PortalConfigurationException(
                $"{EndpointSetting} must be the collector's absolute http or https address (for example http://collector:4317); '{raw}' is not.");
        }

        var protocol = configuration[ProtocolSetting]?.Trim() switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new PortalConfigurationException($"{ProtocolSetting} must be grpc or http/protobuf; '{other}' is not."),
        };
        var serviceName = configuration[ServiceNameSetting] is { Length: > 0 } name ? name : DefaultServiceName;

        void Exporter(OtlpExporterOptions options, string signalPath)
        {
            options.Protocol = protocol;

            // Over HTTP the exporter takes the endpoint as the full address of the signal.
            options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
                ? new Uri(endpoint, signalPath)
                : endpoint;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource(PortalTelemetry.Name)
                .AddOtlpExporter(options => Exporter(options, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(PortalTelemetry.Name)
                .AddOtlpExporter(options => Exporter(options, "v1/metrics")));
        return services;
    }
}

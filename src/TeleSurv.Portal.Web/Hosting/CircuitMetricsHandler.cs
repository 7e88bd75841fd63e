using Microsoft.AspNetCore.Components.Server.Circuits;
using TeleSurv.Portal.Application.Common.Telemetry;

namespace TeleSurv.Portal.Web.Hosting;

/// <summary>Counts the Blazor circuits open on this instance (<c>telesurv.circuits.open</c>).</summary>
public sealed class CircuitMetricsHandler : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PortalTelemetry.CircuitsOpen.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PortalTelemetry.CircuitsOpen.Add(-1);
        return Task.CompletedTask;
    }
}

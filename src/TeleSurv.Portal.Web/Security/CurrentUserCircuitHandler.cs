using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TeleSurv.Portal.Web.Security;

/// <summary>Keeps the circuit scope's <see cref="CurrentUser"/> in step with the circuit's authentication state.</summary>
public sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authenticationStateProvider, CurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationStateProvider.AuthenticationStateChanged += OnAuthenticationStateChanged;
        var state = await authenticationStateProvider.GetAuthenticationStateAsync().ConfigureAwait(false);
        currentUser.Principal = state.User;
        await base.OnCircuitOpenedAsync(circuit, cancellationToken).ConfigureAwait(false);
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task) =>
        _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task)
    {
        var state = await task.ConfigureAwait(false);
        currentUser.Principal = state.User;
    }

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}

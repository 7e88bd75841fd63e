using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// The circuit's authentication state, checked against the server-side session every
/// <see cref="AuthOptions.SessionRevalidationSeconds"/> and at once when this instance signs the member out or an
/// admin ends their sessions: an ended session turns the page anonymous (it stops acting and shows the sign-in
/// page); a change of role or establishments in the directory takes effect on the open page. The checks end with the
/// circuit, or with the application when it stops under open pages: a stop signs no page out.
/// </summary>
public sealed partial class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private readonly IServiceProvider _services;
    private readonly StaffSessionSignals _signals;
    private readonly TimeSpan _interval;
    private readonly ILogger<SessionAuthenticationStateProvider> _logger;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _wake = new(0);
    private Guid? _staffMemberId;
    private int _started;

    public SessionAuthenticationStateProvider(
        IServiceProvider services,
        StaffSessionSignals signals,
        AuthOptions options,
        IHostApplicationLifetime lifetime,
        ILogger<SessionAuthenticationStateProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _services = services;
        _signals = signals;
        _interval = TimeSpan.FromSeconds(options.SessionRevalidationSeconds);
        _logger = logger;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
        _signals.SessionsChanged += OnSessionsChanged;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            Revalidation = RevalidateLoopAsync(task);
        }
    }

    /// <summary>The checks of the open page's session, once it has an authentication state; done when they end.</summary>
    internal Task? Revalidation { get; private set; }

    private void OnSessionsChanged(Guid staffMemberId)
    {
        if (_staffMemberId == staffMemberId)
        {
            _wake.Release();
        }
    }

    private async Task RevalidateLoopAsync(Task<AuthenticationState> first)
    {
        var state = await first.ConfigureAwait(false);
        var token = _stop.Token;
        try
        {
            while (state.User.Identity?.IsAuthenticated == true && !token.IsCancellationRequested)
            {
                _staffMemberId = state.User.StaffMemberId();
                await _wake.WaitAsync(_interval, token).ConfigureAwait(false);
                var current = await CheckAsync(state.User, token).ConfigureAwait(false);
                if (current is null)
                {
                    state = new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()));
                    SetAuthenticationState(Task.FromResult(state));
                }
                else if (!ReferenceEquals(current, state.User))
                {
                    state = new AuthenticationState(current);
                    SetAuthenticationState(Task.FromResult(state));
                }
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // The circuit closed, or the application is stopping.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A page whose session can no longer be checked stops acting rather than go on unchecked.
            LogRevalidationFailed(_logger, exception);
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    private async Task<ClaimsPrincipal?> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        // The circuit's own scope: the sender and its behaviours live there.
        var checker = _services.GetRequiredService<StaffSessionCheck>();
        return await checker.CheckAsync(principal, touch: false, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        _signals.SessionsChanged -= OnSessionsChanged;
        _stop.Cancel();
        _stop.Dispose();
        _wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session of an open page could not be checked; the page was signed out.")]
    private static partial void LogRevalidationFailed(ILogger logger, Exception exception);
}

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Security;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Sessions;

/// <summary>
/// An open page's session checks: a check that cannot be made signs the page out, but the application stopping under
/// open pages ends the checks quietly (their services are going away with the host; no page is left acting).
/// </summary>
public sealed class SessionAuthenticationStateProviderTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    private readonly SessionAuthenticationStateProvider _provider;

    public SessionAuthenticationStateProviderTests() =>
        _provider = new SessionAuthenticationStateProvider(
            _services, new StaffSessionSignals(), new AuthOptions { SessionRevalidationSeconds = 1 }, _lifetime,
            NullLogger<SessionAuthenticationStateProvider>.Instance);

    [Fact]
    public async Task A_page_whose_session_cannot_be_checked_is_signed_out()
    {
        var nurse = TestUsers.User(StaffRole.Ide);
        _provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(nurse)));

        // The services the check needs are gone while the application runs on.
        await _services.DisposeAsync();
        await _provider.Revalidation!.WaitAsync(Patience);

        Assert.False((await _provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task The_application_stopping_under_an_open_page_ends_its_checks_without_signing_it_out()
    {
        var nurse = TestUsers.User(StaffRole.Ide);
        _provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(nurse)));

        _lifetime.StopApplication();
        await _services.DisposeAsync();
        await _provider.Revalidation!.WaitAsync(Patience);

        Assert.Same(nurse, (await _provider.GetAuthenticationStateAsync()).User);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _services.Dispose();
    }
}

using System.Net;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>
/// The provider replaces its signing key while the portal runs: the first id_token signed with the new key makes the
/// handler's configuration manager read the key set again, and sign-in goes on without a restart. A portal of its
/// own, so that no other test has spent the configuration manager's refresh before.
/// </summary>
public sealed class OidcKeyRotationTests(OidcPortal portal) : IClassFixture<OidcPortal>
{
    [Fact]
    public async Task A_key_rollover_at_the_provider_is_followed_without_a_restart_and_the_retired_key_is_refused()
    {
        using (var client = portal.CreateClient())
        using (var before = await portal.SignInAsync(client, portal.User("sso-rotation-1", "Alex Durand", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])))
        {
            Assert.Equal("/", before.Callback.Headers.Location?.OriginalString);
        }

        var keySetReads = portal.Provider.KeySetRequests;
        var retired = portal.Provider.RotateKey();

        using (var client = portal.CreateClient())
        using (var after = await portal.SignInAsync(client, portal.User("sso-rotation-2", "Inès Morel", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])))
        {
            Assert.Equal("/", after.Callback.Headers.Location?.OriginalString);
            using var alerts = await client.GetAsync(new Uri("/alerts", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        }

        Assert.True(portal.Provider.KeySetRequests > keySetReads, "the portal read the provider's key set again");

        using (var client = portal.CreateClient())
        using (var stale = await portal.SignInAsync(client, nonce =>
               {
                   var claims = portal.Provider.ValidClaims(nonce, "sso-rotation-3");
                   claims["roles"] = new[] { OidcPortal.IdeGroup };
                   claims["finess"] = new[] { portal.Finess["CHRIV"] };
                   return portal.Provider.Sign(claims, retired);
               }))
        {
            Assert.Equal("/account/signin-failed?reason=bad-signature", stale.Callback.Headers.Location?.OriginalString);
        }
    }
}

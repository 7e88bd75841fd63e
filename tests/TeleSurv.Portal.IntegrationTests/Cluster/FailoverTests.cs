using System.Net;
using TeleSurv.Portal.Tests.Support;

namespace TeleSurv.Portal.Tests.Cluster;

/// <summary>
/// Two instances behind HAProxy on one PostgreSQL database: a signed-in user whose instance is killed (SIGKILL) is
/// sent to the other one by the balancer and is still signed in there.
/// </summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task A_user_whose_instance_is_killed_goes_on_through_the_balancer_on_the_other_without_signing_in_again()
    {
        await using var cluster = await PortalCluster.StartAsync(2, seedDemoData: true);
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies };
        using var browser = new HttpClient(handler) { BaseAddress = cluster.Balancer.Address };

        await PortalClient.SignInAsync(browser, "ide.bernard");
        using (var before = await browser.GetAsync(new Uri("/alerts", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var first = NodeOf(cookies, cluster);
        var other = cluster.Nodes.Single(n => n != first);
        first.Kill();

        // The balancer's checks take the dead node out; meanwhile redispatch sends a refused request to the other.
        using (var after = await browser.GetAsync(new Uri("/alerts", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        Assert.Equal(other.Name, NodeOf(cookies, cluster).Name);
        var page = await browser.GetStringAsync(new Uri("/alerts", UriKind.Relative));
        Assert.DoesNotContain("/account/signin", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_balancer_keeps_a_user_on_one_instance_and_spreads_new_users_over_both()
    {
        await using var cluster = await PortalCluster.StartAsync(2, seedDemoData: true);
        var seen = new HashSet<string>();
        for (var user = 0; user < 4; user++)
        {
            var cookies = new CookieContainer();
            using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies };
            using var browser = new HttpClient(handler) { BaseAddress = cluster.Balancer.Address };
            await PortalClient.SignInAsync(browser, "ide.bernard");
            var node = NodeOf(cookies, cluster).Name;
            for (var request = 0; request < 3; request++)
            {
                using var response = await browser.GetAsync(new Uri("/alerts", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(node, NodeOf(cookies, cluster).Name);
            }

            seen.Add(node);
        }

        Assert.Equal(["a", "b"], seen.Order(StringComparer.Ordinal));
    }

    private static PortalNode NodeOf(CookieContainer cookies, PortalCluster cluster)
    {
        var sticky = Assert.Single(cookies.GetAllCookies(), c => c.Name == PortalBalancer.StickinessCookie);
        return cluster.Node(sticky.Value);
    }
}

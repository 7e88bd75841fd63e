using System.Net;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Security;

public sealed class PageAccessTests(SeededPortals portals) : IClassFixture<SeededPortals>
{
    public static TheoryData<DatabaseProvider, string, string, string> AllowedPages
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string, string, string>();
            foreach (var provider in TestProviders.Configured)
            {
                data.Add(provider, "ide.bernard", "/alerts", "File d'alertes");
                data.Add(provider, "ipa.martin", "/escalations", "Avis demandés");
                data.Add(provider, "onco.lefevre", "/escalations", "Avis demandés");
                data.Add(provider, "onco.lefevre", "/alerts", "File d'alertes");
                data.Add(provider, "admin.roussel", "/enrolment", "Inclusions");
                data.Add(provider, "admin.roussel", "/admin/interfaces", "Interfaces");
                data.Add(provider, "admin.roussel", "/admin/oru", "Comptes rendus envoyés à l'EAI (ORU)");
                data.Add(provider, "ide.petit", "/patients", "Rechercher un patient");
                data.Add(provider, "admin.roussel", "/admin/sessions", "Sessions ouvertes");
                data.Add(provider, "admin.roussel", "/admin/establishments", "Téléphone de l'unité d'oncologie");
            }

            return data;
        }
    }

    public static TheoryData<DatabaseProvider, string, string> ForbiddenPages
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string, string>();
            foreach (var provider in TestProviders.Configured)
            {
                data.Add(provider, "ide.bernard", "/escalations");
                data.Add(provider, "ide.bernard", "/enrolment");
                data.Add(provider, "ide.bernard", "/admin/interfaces");
                data.Add(provider, "onco.lefevre", "/admin/oru");
                data.Add(provider, "onco.lefevre", "/enrolment");
                data.Add(provider, "admin.roussel", "/alerts");
                data.Add(provider, "ide.bernard", "/admin/sessions");
                data.Add(provider, "ipa.martin", "/admin/establishments");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllowedPages))]
    public async Task A_role_reaches_its_pages(DatabaseProvider provider, string login, string path, string heading)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);
        await PortalClient.SignInAsync(client, login);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(heading, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ForbiddenPages))]
    public async Task Another_role_is_sent_to_the_access_denied_page(DatabaseProvider provider, string login, string path)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);
        await PortalClient.SignInAsync(client, login);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "/alerts")]
    [InlineData(DatabaseProvider.Postgres, "/patients")]
    [InlineData(DatabaseProvider.Sqlite, "/")]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page(DatabaseProvider provider, string path)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/signin?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_sign_in_page_lists_the_seeded_demo_users(DatabaseProvider provider)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);

        var html = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));

        foreach (var login in new[] { "ipa.martin", "ide.bernard", "onco.lefevre", "admin.roussel", "ide.petit" })
        {
            Assert.Contains($"data-login=\"{login}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signing_in_as_an_unknown_user_is_refused_with_a_message()
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var client = PortalClient.CreateClient(factory);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PortalClient.AntiforgeryTokenAsync(client),
            ["login"] = "nobody",
        });

        using var response = await client.PostAsync(new Uri("/account/demo-signin", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?error=unknown-user", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_in_without_the_antiforgery_token_is_refused()
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var client = PortalClient.CreateClient(factory);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = "ide.bernard" });

        using var response = await client.PostAsync(new Uri("/account/demo-signin", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("telesurv.session", StringComparison.Ordinal)));
    }
}

using Microsoft.AspNetCore.Components;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Layout;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Layout;

public sealed class MainLayoutTests
{
    private static Dictionary<string, object?> Body(string text) => new()
    {
        [nameof(LayoutComponentBase.Body)] = (RenderFragment)(builder => builder.AddContent(0, text)),
    };

    [Fact]
    public async Task Renders_landmarks_skip_link_and_the_page_body()
    {
        await using var context = new ComponentTestContext(ComponentTestContext.User(StaffRole.Ide, "Julien Bernard"));

        var html = await context.RenderAsync<MainLayout>(Body("contenu de la page"));

        Assert.Contains("role=\"banner\"", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main-content\"", html, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"portal-nav\" aria-label=\"Navigation principale\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#main-content\"", html, StringComparison.Ordinal);
        Assert.Contains("Aller au contenu", html, StringComparison.Ordinal);
        Assert.Contains("contenu de la page", html, StringComparison.Ordinal);
        Assert.Contains("Julien Bernard", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speaks_english_when_the_culture_is_english()
    {
        await using var context = new ComponentTestContext(ComponentTestContext.User(StaffRole.Ide), culture: "en-GB");

        var html = await context.RenderAsync<MainLayout>(Body("page"));

        Assert.Contains("Skip to content", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Main navigation\"", html, StringComparison.Ordinal);
        Assert.Contains("Sign out", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Se déconnecter", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_no_navigation_and_no_user_menu_to_an_anonymous_visitor()
    {
        await using var context = new ComponentTestContext();

        var html = await context.RenderAsync<MainLayout>(Body("page"));

        Assert.DoesNotContain("portal-nav", html, StringComparison.Ordinal);
        Assert.DoesNotContain("account/signout", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offers_a_language_switch_that_works_without_a_circuit()
    {
        await using var context = new ComponentTestContext(ComponentTestContext.User(StaffRole.Ide), uri: "http://localhost/alerts?page=2");

        var html = await context.RenderAsync<MainLayout>(Body("page"));

        Assert.Contains("href=\"/culture/set?culture=en-GB&amp;returnUrl=%2Falerts%3Fpage%3D2\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\" data-culture=\"fr-FR\"", html, StringComparison.Ordinal);
        Assert.Contains("data-interactive=\"false\"", html, StringComparison.Ordinal);
    }
}

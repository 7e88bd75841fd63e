using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Layout;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Layout;

public sealed class MainLayoutTests : PortalComponentTest
{
    private static readonly Guid Bernard = Guid.Parse("0196a1d2-7c4e-7a10-8f00-000000000001");

    private static readonly RenderFragment PageBody = builder => builder.AddContent(0, "contenu de la page");

    private IRenderedComponent<MainLayout> RenderLayout(bool dark = false, bool interactive = true)
    {
        SetRendererInfo(new RendererInfo("Server", interactive));
        return Render<MainLayout>(parameters => parameters
            .Add(p => p.Body, PageBody)
            .AddCascadingValue(ThemePreference.CascadingName, dark));
    }

    private void SignIn(StaffRole role, string name = "Julien Bernard")
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(name);
        authorization.SetRoles(role.ToString());
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, Bernard.ToString()));
    }

    [Fact]
    public void Renders_the_app_bar_the_drawer_the_bottom_bar_the_skip_link_and_the_page()
    {
        SignIn(StaffRole.Ide);

        var layout = RenderLayout();

        var appBar = layout.Find("header.mud-appbar");
        Assert.Contains("TeleSurv", appBar.TextContent, StringComparison.Ordinal);
        Assert.Contains("Julien Bernard", layout.Find(".user-menu-name").TextContent, StringComparison.Ordinal);
        Assert.Equal("IDE", layout.Find(".user-menu .role-badge").TextContent.Trim());
        Assert.NotNull(appBar.QuerySelector("form[action='account/signout'] button[type='submit']"));
        Assert.Equal("Navigation principale", layout.Find(".mud-drawer nav.portal-nav").GetAttribute("aria-label"));
        Assert.Equal("Navigation principale", layout.Find("nav.portal-bottom-nav").GetAttribute("aria-label"));
        var skip = layout.Find("a.skip-link");
        Assert.Equal("#main-content", skip.GetAttribute("href"));
        Assert.Equal("Aller au contenu", skip.TextContent);
        Assert.Equal("-1", layout.Find("main#main-content").GetAttribute("tabindex"));
        Assert.Contains("contenu de la page", layout.Find("main#main-content").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_menus_mark_the_page_the_user_moves_to()
    {
        SignIn(StaffRole.Ide);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("alerts");
        var layout = RenderLayout();
        Assert.Equal("page", layout.Find(".mud-drawer a[href='alerts']").GetAttribute("aria-current"));

        // The router hands the open layout its next page.
        navigation.NavigateTo("patients/0196a1d2-7c4e-7a10-8f00-000000000001");
        layout.Render(parameters => parameters.Add(p => p.Body, PageBody));

        foreach (var menu in new[] { ".mud-drawer nav.portal-nav", "nav.portal-bottom-nav" })
        {
            Assert.Equal("page", layout.Find($"{menu} a[href='patients']").GetAttribute("aria-current"));
            Assert.Contains("active", layout.Find($"{menu} a[href='patients']").ClassList);
            Assert.Null(layout.Find($"{menu} a[href='alerts']").GetAttribute("aria-current"));
            Assert.DoesNotContain("active", layout.Find($"{menu} a[href='alerts']").ClassList);
        }
    }

    [Fact]
    public void Speaks_english_when_the_culture_is_english()
    {
        UseCulture("en-GB");
        SignIn(StaffRole.Ide);

        var layout = RenderLayout();

        Assert.Equal("Skip to content", layout.Find("a.skip-link").TextContent);
        Assert.Equal("Main navigation", layout.Find("nav.portal-nav").GetAttribute("aria-label"));
        Assert.Equal("Dark mode", layout.Find("[data-theme-toggle]").GetAttribute("title"));
        Assert.Contains("Sign out", layout.Find(".user-menu").TextContent, StringComparison.Ordinal);
        Assert.Contains("Alerts", layout.Find("nav.portal-nav").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_no_navigation_and_no_user_menu_to_an_anonymous_visitor()
    {
        AddAuthorization();

        var layout = RenderLayout();

        Assert.Empty(layout.FindAll(".mud-drawer"));
        Assert.Empty(layout.FindAll("nav.portal-bottom-nav"));
        Assert.Empty(layout.FindAll("form[action='account/signout']"));
        Assert.Contains("contenu de la page", layout.Find("main#main-content").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_circuit_the_language_switch_is_a_link_and_the_theme_toggle_waits()
    {
        SignIn(StaffRole.Ide);
        Services.GetRequiredService<NavigationManager>().NavigateTo("alerts?page=2");

        var layout = RenderLayout(interactive: false);

        Assert.Equal("/culture/set?culture=en-GB&returnUrl=%2Falerts%3Fpage%3D2", layout.Find("a[data-culture='en-GB']").GetAttribute("href"));
        Assert.Equal("true", layout.Find("a[data-culture='fr-FR']").GetAttribute("aria-current"));
        Assert.Equal("false", layout.Find(".portal-shell").GetAttribute("data-interactive"));
        Assert.True(layout.Find("[data-theme-toggle]").HasAttribute("disabled"));
    }

    [Fact]
    public void Comes_light_when_the_user_chose_nothing_or_the_light_look()
    {
        SignIn(StaffRole.Ide);

        var layout = RenderLayout(dark: false);

        Assert.Equal("light", layout.Find(".portal-shell").GetAttribute("data-theme"));
        Assert.Equal("false", layout.Find("[data-theme-toggle]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Comes_dark_when_the_user_chose_the_dark_look()
    {
        SignIn(StaffRole.Ide);

        var layout = RenderLayout(dark: true);

        Assert.Equal("dark", layout.Find(".portal-shell").GetAttribute("data-theme"));
        Assert.Equal("true", layout.Find("[data-theme-toggle]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void The_toggle_switches_the_look_at_once_and_remembers_it_in_the_users_own_cookie()
    {
        SignIn(StaffRole.Ide);
        var layout = RenderLayout(dark: false);

        layout.Find("[data-theme-toggle]").Click();

        Assert.Equal("dark", layout.Find(".portal-shell").GetAttribute("data-theme"));
        Assert.Equal("true", layout.Find("[data-theme-toggle]").GetAttribute("aria-pressed"));
        Assert.Equal(["dark", $"telesurv.theme.{Bernard:N}"], JSInterop.VerifyInvoke("telesurvTheme.choose").Arguments);

        layout.Find("[data-theme-toggle]").Click();

        Assert.Equal("light", layout.Find(".portal-shell").GetAttribute("data-theme"));
        Assert.Equal(["dark", "light"], JSInterop.Invocations["telesurvTheme.choose"].Select(i => i.Arguments[0]));
    }
}

using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Layout;
using TeleSurv.Portal.Web.Localization;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Layout;

public sealed class NavMarkupTests : PortalComponentTest
{
    public static TheoryData<StaffRole, string[], string[]> Menus => new()
    {
        { StaffRole.Ide, ["alerts", "patients", "dashboard"], ["escalations", "enrolment", "admin/interfaces", "admin/audit", "admin/oru", "admin/sessions", "admin/establishments"] },
        { StaffRole.Ipa, ["alerts", "escalations", "patients", "dashboard"], ["enrolment", "admin/interfaces", "admin/audit", "admin/oru", "admin/sessions", "admin/establishments"] },
        { StaffRole.Oncologist, ["alerts", "escalations", "patients", "dashboard"], ["enrolment", "admin/interfaces", "admin/audit", "admin/oru", "admin/sessions", "admin/establishments"] },
        { StaffRole.Admin, ["patients", "dashboard", "enrolment", "admin/interfaces", "admin/audit", "admin/oru", "admin/sessions", "admin/establishments"], ["alerts", "escalations"] },
    };

    private IRenderedComponent<ContainerFragment> RenderMenus(ClaimsPrincipal user)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var markup = NavMarkup.Menus(user, navigation.ToBaseRelativePath(navigation.Uri), Services.GetRequiredService<IStringLocalizer<SharedResource>>());
        return Render(builder => builder.AddMarkupContent(0, markup.Value));
    }

    [Theory]
    [MemberData(nameof(Menus))]
    public void Each_role_sees_its_own_pages_in_the_drawer_and_in_the_bottom_bar(StaffRole role, string[] shown, string[] hidden)
    {
        var user = TestUsers.User(role);

        var menus = RenderMenus(user);
        var drawer = menus.Find("aside.portal-drawer");
        var bottom = menus.Find("nav.portal-bottom-nav");

        foreach (var menu in new[] { drawer.QuerySelector("nav.portal-nav")!, bottom })
        {
            var hrefs = menu.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
            Assert.Equal(shown, hrefs);
            Assert.DoesNotContain(hrefs, hidden.Contains);
        }
    }

    [Fact]
    public void Every_entry_has_an_icon_and_a_word()
    {
        var menus = RenderMenus(TestUsers.User(StaffRole.Admin));

        Assert.Equal(8, menus.FindAll("a.portal-bottom-nav-link").Count);
        Assert.Equal(8, menus.FindAll(".portal-nav a.mud-nav-link").Count);
        foreach (var link in menus.FindAll("a.portal-bottom-nav-link, .portal-nav a.mud-nav-link"))
        {
            Assert.NotNull(link.QuerySelector("svg"));
            Assert.False(string.IsNullOrWhiteSpace(link.TextContent), link.OuterHtml);
        }
    }

    [Fact]
    public void Marks_the_current_page_as_active()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("patients/0196a1d2-7c4e-7a10-8f00-000000000001");
        var user = TestUsers.User(StaffRole.Ide);

        var menus = RenderMenus(user);

        foreach (var menu in new[] { "aside.portal-drawer", "nav.portal-bottom-nav" })
        {
            Assert.Contains("active", menus.Find($"{menu} a[href='patients']").ClassList);
            Assert.Equal("page", menus.Find($"{menu} a[href='patients']").GetAttribute("aria-current"));
            Assert.DoesNotContain("active", menus.Find($"{menu} a[href='alerts']").ClassList);
            Assert.Null(menus.Find($"{menu} a[href='alerts']").GetAttribute("aria-current"));
        }
    }

    [Fact]
    public void Users_of_a_role_on_a_page_share_one_string_and_their_language_has_its_own()
    {
        var localizer = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        var first = NavMarkup.Menus(TestUsers.User(StaffRole.Ide), "alerts", localizer);
        var second = NavMarkup.Menus(TestUsers.User(StaffRole.Ide), "alerts?page=2", localizer);
        var elsewhere = NavMarkup.Menus(TestUsers.User(StaffRole.Ide), "patients", localizer);
        UseCulture("en-GB");
        var english = NavMarkup.Menus(TestUsers.User(StaffRole.Ide), "alerts", localizer);

        Assert.Same(first.Value, second.Value);
        Assert.NotEqual(first.Value, elsewhere.Value);
        Assert.Contains("Alertes", first.Value, StringComparison.Ordinal);
        Assert.Contains(">Alerts<", english.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRole.Ide, "/alerts")]
    [InlineData(StaffRole.Ipa, "/alerts")]
    [InlineData(StaffRole.Oncologist, "/escalations")]
    [InlineData(StaffRole.Admin, "/enrolment")]
    public void Home_is_the_first_page_of_the_role(StaffRole role, string expected) =>
        Assert.Equal(expected, NavItem.HomeFor(TestUsers.User(role)));
}

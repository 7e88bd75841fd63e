using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Layout;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Layout;

public sealed class NavMenuTests : PortalComponentTest
{
    public static TheoryData<StaffRole, string[], string[]> Menus => new()
    {
        { StaffRole.Ide, ["alerts", "patients", "dashboard"], ["escalations", "enrolment", "admin/interfaces", "admin/audit", "admin/oru", "admin/sessions", "admin/establishments"] },
        { StaffRole.Ipa, ["alerts", "escalations", "patients", "dashboard"], ["enrolment", "admin/interfaces", "admin/audit", "admin/oru", "admin/sessions", "admin/establishments"] },
        { StaffRole.Oncologist, ["alerts", "escalations", "patients", "dashboard"], ["enrolment", "admin/interfaces", "admin/audit", "admin/oru", "admin/sessions", "admin/establishments"] },
        { StaffRole.Admin, ["patients", "dashboard", "enrolment", "admin/interfaces", "admin/audit", "admin/oru", "admin/sessions", "admin/establishments"], ["alerts", "escalations"] },
    };

    [Theory]
    [MemberData(nameof(Menus))]
    public void Each_role_sees_its_own_pages_in_the_drawer_and_in_the_bottom_bar(StaffRole role, string[] shown, string[] hidden)
    {
        var user = TestUsers.User(role);

        var drawer = Render<NavMenu>(parameters => parameters.Add(p => p.User, user));
        var bottom = Render<BottomNav>(parameters => parameters.Add(p => p.User, user));

        foreach (var menu in new[] { drawer.Find("nav.portal-nav"), bottom.Find("nav.portal-bottom-nav") })
        {
            var hrefs = menu.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
            Assert.Equal(shown, hrefs);
            Assert.DoesNotContain(hrefs, hidden.Contains);
        }
    }

    [Fact]
    public void Every_entry_has_an_icon_and_a_word()
    {
        var bottom = Render<BottomNav>(parameters => parameters.Add(p => p.User, TestUsers.User(StaffRole.Admin)));

        foreach (var link in bottom.FindAll("a.portal-bottom-nav-link"))
        {
            Assert.NotNull(link.QuerySelector("svg"));
            Assert.False(string.IsNullOrWhiteSpace(link.QuerySelector("span")?.TextContent), link.OuterHtml);
        }
    }

    [Fact]
    public void Marks_the_current_page_as_active()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("patients/0196a1d2-7c4e-7a10-8f00-000000000001");
        var user = TestUsers.User(StaffRole.Ide);

        var drawer = Render<NavMenu>(parameters => parameters.Add(p => p.User, user));
        var bottom = Render<BottomNav>(parameters => parameters.Add(p => p.User, user));

        Assert.Contains("active", drawer.Find("a[href='patients']").ClassList);
        Assert.DoesNotContain("active", drawer.Find("a[href='alerts']").ClassList);
        Assert.Contains("active", bottom.Find("a[href='patients']").ClassList);
        Assert.DoesNotContain("active", bottom.Find("a[href='alerts']").ClassList);
    }

    [Theory]
    [InlineData(StaffRole.Ide, "/alerts")]
    [InlineData(StaffRole.Ipa, "/alerts")]
    [InlineData(StaffRole.Oncologist, "/escalations")]
    [InlineData(StaffRole.Admin, "/enrolment")]
    public void Home_is_the_first_page_of_the_role(StaffRole role, string expected) =>
        Assert.Equal(expected, NavItem.HomeFor(TestUsers.User(role)));
}

using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Layout;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Layout;

public sealed class NavMenuTests
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
    public async Task Each_role_sees_its_own_pages(StaffRole role, string[] shown, string[] hidden)
    {
        await using var context = new ComponentTestContext();

        var html = await context.RenderAsync<NavMenu>(new Dictionary<string, object?>
        {
            [nameof(NavMenu.User)] = ComponentTestContext.User(role),
        });

        foreach (var href in shown)
        {
            Assert.Contains($"href=\"{href}\"", html, StringComparison.Ordinal);
        }

        foreach (var href in hidden)
        {
            Assert.DoesNotContain($"href=\"{href}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Marks_the_current_page_as_active()
    {
        await using var context = new ComponentTestContext(uri: "http://localhost/patients");

        var html = await context.RenderAsync<NavMenu>(new Dictionary<string, object?>
        {
            [nameof(NavMenu.User)] = ComponentTestContext.User(StaffRole.Ide),
        });

        Assert.Matches("<a (?=[^>]*href=\"patients\")(?=[^>]*class=\"portal-nav-link active\")", html);
        Assert.DoesNotMatch("<a (?=[^>]*href=\"alerts\")(?=[^>]*class=\"portal-nav-link active\")", html);
    }

    [Theory]
    [InlineData(StaffRole.Ide, "/alerts")]
    [InlineData(StaffRole.Ipa, "/alerts")]
    [InlineData(StaffRole.Oncologist, "/escalations")]
    [InlineData(StaffRole.Admin, "/enrolment")]
    public void Home_is_the_first_page_of_the_role(StaffRole role, string expected) =>
        Assert.Equal(expected, NavItem.HomeFor(ComponentTestContext.User(role)));
}

using Microsoft.AspNetCore.Http;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Layout;
using TeleSurv.Portal.Web.Security;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Layout;

public sealed class ThemePreferenceTests
{
    private static DefaultHttpContext Request(System.Security.Claims.ClaimsPrincipal user, string? cookie)
    {
        var context = new DefaultHttpContext { User = user };
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        return context;
    }

    [Fact]
    public void The_users_own_cookie_saying_dark_gives_the_dark_look()
    {
        var user = TestUsers.User(StaffRole.Ide);

        Assert.True(ThemePreference.IsDark(Request(user, $"telesurv.theme.{user.StaffMemberId():N}=dark")));
        Assert.False(ThemePreference.IsDark(Request(user, $"telesurv.theme.{user.StaffMemberId():N}=light")));
        Assert.False(ThemePreference.IsDark(Request(user, null)));
    }

    [Theory]
    [InlineData("DARK")]
    [InlineData("dark;")]
    [InlineData("<script>")]
    [InlineData("")]
    public void Any_other_value_gives_the_light_look(string value)
    {
        var user = TestUsers.User(StaffRole.Ide);

        Assert.False(ThemePreference.IsDark(Request(user, $"telesurv.theme.{user.StaffMemberId():N}={Uri.EscapeDataString(value)}")));
    }

    [Fact]
    public void Another_users_choice_on_the_same_workstation_does_not_apply()
    {
        var night = TestUsers.User(StaffRole.Ide, "Julien Bernard");
        var day = TestUsers.User(StaffRole.Ide, "Claire Martin");

        Assert.False(ThemePreference.IsDark(Request(day, $"telesurv.theme.{night.StaffMemberId():N}=dark")));
        Assert.Null(ThemePreference.CookieName(TestUsers.Anonymous));
        Assert.False(ThemePreference.IsDark(Request(TestUsers.Anonymous, "telesurv.theme.=dark")));
    }
}

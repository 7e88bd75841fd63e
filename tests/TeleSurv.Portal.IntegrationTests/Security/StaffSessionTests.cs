using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.Web.Security;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>
/// The session cookie is only as good as its server-side session: sign-out, deactivation and an admin end it for
/// every copy of the cookie; a change of role or establishments in the directory takes effect on the next request.
/// </summary>
public sealed partial class StaffSessionTests(SeededPortals portals) : IClassFixture<SeededPortals>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_copied_cookie_is_refused_once_its_session_signed_out(DatabaseProvider provider)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);
        var cookie = await SignInAsync(client, DemoLogin.Oncologist);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(factory, cookie, "/escalations"));

        using var signOut = await PostWithCookieAsync(factory, cookie, "/account/signout");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // The copy taken before sign-out, replayed as is.
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(factory, cookie, "/escalations"));
        var entries = await AuditAsync(factory, e => e.Action == SignInAudit.SignOutAction && e.Actor == "Dr Sophie Lefèvre");
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(AuditOutcome.Success, e.Outcome));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_deactivated_member_is_refused_with_the_cookie_of_an_open_session(DatabaseProvider provider)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);
        var cookie = await SignInAsync(client, DemoLogin.BelleriveNurse);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(factory, cookie, "/alerts"));

        await ChangeStaffAsync(factory, DemoLogin.BelleriveNurse, member => member.IsActive = false);
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(factory, cookie, "/alerts"));
            await using var db = await DbAsync(factory);
            var session = await db.StaffSessions.Where(s => s.StaffMemberId == db.StaffMembers.Single(m => m.Login == DemoLogin.BelleriveNurse).Id)
                .OrderByDescending(s => s.StartedAt).FirstAsync();
            Assert.Equal(StaffSessionEnd.Deactivated, session.EndReason);
        }
        finally
        {
            await ChangeStaffAsync(factory, DemoLogin.BelleriveNurse, member => member.IsActive = true);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_member_removed_from_an_establishment_no_longer_sees_its_alerts_with_the_same_cookie(DatabaseProvider provider)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);
        var cookie = await SignInAsync(client, DemoLogin.Ide);
        await using var db = await DbAsync(factory);
        var bernard = await db.StaffMembers.AsNoTracking().SingleAsync(m => m.Login == DemoLogin.Ide);
        var rivemont = bernard.Establishments.Single().EstablishmentId;
        var bellerive = await db.Establishments.Where(e => e.Id != rivemont && !db.StaffMembers.Any(m => m.Login == DemoLogin.Ipa && m.Establishments.Any(l => l.EstablishmentId == e.Id)))
            .Select(e => e.Id).SingleAsync();
        var alert = await db.Alerts.AsNoTracking().Where(a => a.EstablishmentId == rivemont).Select(a => new { a.Id, a.PatientId }).FirstAsync();
        var familyName = (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == alert.PatientId)).DisplayFamilyName;
        Assert.Contains(familyName, WebUtility.HtmlDecode(await GetWithCookieAsync(factory, cookie, $"/alerts/{alert.Id}")), StringComparison.OrdinalIgnoreCase);

        await ChangeStaffAsync(factory, DemoLogin.Ide, member =>
        {
            member.Establishments.Clear();
            member.Establishments.Add(new StaffEstablishment { StaffMemberId = member.Id, EstablishmentId = bellerive });
        });
        try
        {
            var after = WebUtility.HtmlDecode(await GetWithCookieAsync(factory, cookie, $"/alerts/{alert.Id}"));
            Assert.DoesNotContain(familyName, after, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await ChangeStaffAsync(factory, DemoLogin.Ide, member =>
            {
                member.Establishments.Clear();
                member.Establishments.Add(new StaffEstablishment { StaffMemberId = member.Id, EstablishmentId = rivemont });
            });
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_change_of_role_takes_effect_on_the_next_request(DatabaseProvider provider)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);
        var cookie = await SignInAsync(client, DemoLogin.Ipa);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(factory, cookie, "/escalations"));

        await ChangeStaffAsync(factory, DemoLogin.Ipa, member => member.Role = StaffRole.Ide);
        try
        {
            using var response = await SendWithCookieAsync(factory, cookie, HttpMethod.Get, "/escalations");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            Assert.Contains(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("telesurv.session=", StringComparison.Ordinal)));
        }
        finally
        {
            await ChangeStaffAsync(factory, DemoLogin.Ipa, member => member.Role = StaffRole.Ipa);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_admin_sees_and_ends_the_open_sessions_of_a_colleague(DatabaseProvider provider)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);
        var cookie = await SignInAsync(client, DemoLogin.BelleriveOncologist);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(factory, cookie, "/escalations"));
        var garnier = await StaffIdAsync(factory, DemoLogin.BelleriveOncologist);

        var sessions = await AsStaffAsync(factory, DemoLogin.Admin, sender => sender.Send(new ListOpenStaffSessionsQuery(TimeSpan.FromMinutes(30))));
        var open = Assert.Single(sessions, s => s.StaffMemberId == garnier);
        Assert.Equal("Demo", open.Method);

        // Only an admin may.
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsStaffAsync(factory, DemoLogin.Ide, sender => sender.Send(new EndStaffSessionsCommand(garnier, null))));
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(factory, cookie, "/escalations"));

        var ended = await AsStaffAsync(factory, DemoLogin.Admin, sender => sender.Send(new EndStaffSessionsCommand(garnier, null)));

        Assert.Equal(1, ended);
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(factory, cookie, "/escalations"));
        Assert.DoesNotContain(
            await AsStaffAsync(factory, DemoLogin.Admin, sender => sender.Send(new ListOpenStaffSessionsQuery(TimeSpan.FromMinutes(30)))),
            s => s.StaffMemberId == garnier);
        Assert.Single(await AuditAsync(factory, e => e.Action == "staff.session.end" && e.TargetId == garnier.ToString() && e.Outcome == AuditOutcome.Success));
    }

    [Fact]
    public async Task An_admin_may_not_end_the_sessions_of_staff_outside_their_establishments()
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        var garnier = await StaffIdAsync(factory, DemoLogin.BelleriveOncologist);
        await using var db = await DbAsync(factory);
        var bellerive = await db.StaffMembers.Where(m => m.Login == DemoLogin.BelleriveOncologist).Select(m => m.Establishments.Single().EstablishmentId).SingleAsync();
        var admin = await db.StaffMembers.AsNoTracking().SingleAsync(m => m.Login == DemoLogin.Admin);
        var elsewhere = admin.Establishments.Select(l => l.EstablishmentId).Where(id => id != bellerive).ToList();

        await Assert.ThrowsAnyAsync<NotFoundException>(() =>
            AsPrincipalAsync(factory, PortalClaims.CreatePrincipal(admin.Id, admin.Login, admin.DisplayName, StaffRole.Admin, elsewhere, "Demo"),
                sender => sender.Send(new EndStaffSessionsCommand(garnier, null))));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Signing_in_and_a_refused_sign_in_are_audited(DatabaseProvider provider)
    {
        var factory = await portals.GetAsync(provider);
        using var client = PortalClient.CreateClient(factory);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PortalClient.AntiforgeryTokenAsync(client),
            ["login"] = "nobody-" + provider,
        });
        using var refused = await client.PostAsync(new Uri("/account/demo-signin", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        await SignInAsync(client, DemoLogin.Admin);

        var denied = await AuditAsync(factory, e => e.Action == SignInAudit.SignInAction && e.Outcome == AuditOutcome.Denied);
        Assert.NotEmpty(denied);
        var signedIn = await AuditAsync(factory, e => e.Action == SignInAudit.SignInAction && e.Outcome == AuditOutcome.Success && e.Actor == "Nadia Roussel");
        Assert.NotEmpty(signedIn);
        Assert.NotNull(signedIn[0].StaffMemberId);
    }

    private static class DemoLogin
    {
        public const string Ipa = "ipa.martin";
        public const string Ide = "ide.bernard";
        public const string Oncologist = "onco.lefevre";
        public const string Admin = "admin.roussel";
        public const string BelleriveNurse = "ide.petit";
        public const string BelleriveOncologist = "onco.garnier";
    }

    /// <summary>Signs in with the client's cookie jar and returns the session cookie as a browser would send it.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string login)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PortalClient.AntiforgeryTokenAsync(client),
            ["login"] = login,
            ["returnUrl"] = "/",
        });
        using var response = await client.PostAsync(new Uri("/account/demo-signin", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith("telesurv.session=", StringComparison.Ordinal));
        return session[..session.IndexOf(';', StringComparison.Ordinal)];
    }

    private static async Task<HttpResponseMessage> SendWithCookieAsync(PortalAppFactory factory, string cookie, HttpMethod method, string path, HttpContent? content = null)
    {
        // A client of its own, without a cookie jar: exactly the copied cookie, nothing the portal sets afterwards.
        using var client = factory.CreateDefaultClient();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<HttpStatusCode> StatusWithCookieAsync(PortalAppFactory factory, string cookie, string path)
    {
        using var response = await SendWithCookieAsync(factory, cookie, HttpMethod.Get, path);
        return response.StatusCode;
    }

    private static async Task<string> GetWithCookieAsync(PortalAppFactory factory, string cookie, string path)
    {
        using var response = await SendWithCookieAsync(factory, cookie, HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PostWithCookieAsync(PortalAppFactory factory, string cookie, string path)
    {
        // The antiforgery cookie came with the page the token was read from: read both from one answer.
        using var page = await SendWithCookieAsync(factory, cookie, HttpMethod.Get, "/escalations");
        var antiforgeryCookie = page.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.Select(v => v[..v.IndexOf(';', StringComparison.Ordinal)]).FirstOrDefault(v => v.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))
            : null;
        var html = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await SendWithCookieAsync(factory, antiforgeryCookie is null ? cookie : $"{cookie}; {antiforgeryCookie}", HttpMethod.Post, path, form);
    }

    private static async Task<PortalDbContext> DbAsync(PortalAppFactory factory) =>
        await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static async Task<Guid> StaffIdAsync(PortalAppFactory factory, string login)
    {
        await using var db = await DbAsync(factory);
        return await db.StaffMembers.Where(m => m.Login == login).Select(m => m.Id).SingleAsync();
    }

    private static async Task ChangeStaffAsync(PortalAppFactory factory, string login, Action<StaffMember> change)
    {
        await using var db = await DbAsync(factory);
        var member = await db.StaffMembers.SingleAsync(m => m.Login == login);
        change(member);
        await db.SaveChangesAsync();
    }

    private static async Task<List<AuditEntry>> AuditAsync(PortalAppFactory factory, System.Linq.Expressions.Expression<Func<AuditEntry, bool>> filter)
    {
        await using var db = await DbAsync(factory);
        return await db.AuditEntries.AsNoTracking().Where(filter).OrderByDescending(e => e.Sequence).ToListAsync();
    }

    private static async Task<T> AsStaffAsync<T>(PortalAppFactory factory, string login, Func<ISender, ValueTask<T>> send)
    {
        await using var db = await DbAsync(factory);
        var member = await db.StaffMembers.AsNoTracking().SingleAsync(m => m.Login == login);
        var principal = PortalClaims.CreatePrincipal(
            member.Id, member.Login, member.DisplayName, member.Role, member.Establishments.Select(l => l.EstablishmentId), "Demo");
        return await AsPrincipalAsync(factory, principal, send);
    }

    private static async Task<T> AsPrincipalAsync<T>(PortalAppFactory factory, System.Security.Claims.ClaimsPrincipal principal, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    [GeneratedRegex("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

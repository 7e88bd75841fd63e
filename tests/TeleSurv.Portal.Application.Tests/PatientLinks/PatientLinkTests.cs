using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.PatientLinks;

/// <summary>
/// The patient's questionnaire link: issued once with a random token kept only as a hash, one in force per
/// enrollment, expiring on the clock, revocable, and resolved to the little the patient's page needs.
/// </summary>
public abstract class PatientLinkTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task An_issued_token_is_random_base64url_of_256_bits_and_only_its_sha256_is_stored()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);

        var issued = await patient.IssueLinkAsync();
        var other = await (await PatientScenario.CreateAsync(Host, issueLink: false)).IssueLinkAsync();

        Assert.Equal(43, issued.Token.Length);
        Assert.True(Base64Url.IsValid(issued.Token, out var bytes));
        Assert.Equal(32, bytes);
        Assert.NotEqual(issued.Token, other.Token);
        Assert.DoesNotContain(issued.Token, issued.ToString(), StringComparison.Ordinal);

        var link = await LinkAsync(issued.LinkId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Token))), link.TokenHash);
        Assert.Equal((Host.Now, issued.ExpiresAt, (Guid?)patient.Admin.Id), (link.IssuedAt, link.ExpiresAt, link.IssuedById));
        Assert.Null(link.RevokedAt);
        await using var db = Host.Database.CreateContext();
        Assert.False(await db.PatientAccessLinks.AnyAsync(l => l.TokenHash == issued.Token));
    }

    [Fact]
    public async Task A_link_lasts_120_days_by_default_and_expires_on_the_clock()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);
        var issued = await patient.IssueLinkAsync();

        Assert.Equal(Host.Now.AddDays(120), issued.ExpiresAt);
        Host.Clock.Now = new DateTimeOffset(issued.ExpiresAt.AddTicks(-1), TimeSpan.Zero);
        Assert.Equal(PatientLinkStatus.Active, (await ResolveAsync(issued.Token)).Status);
        Host.Clock.Now = new DateTimeOffset(issued.ExpiresAt, TimeSpan.Zero);
        var expired = await ResolveAsync(issued.Token);
        Assert.Equal(PatientLinkStatus.Expired, expired.Status);
        Assert.Null(expired.Context);
    }

    [Fact]
    public async Task The_lifetime_is_configurable()
    {
        using var host = new ApplicationHost(Host.Database, services =>
            services.Configure<PatientLinkOptions>(o => o.LifetimeDays = 10));
        var patient = await PatientScenario.CreateAsync(host, issueLink: false);

        var issued = await patient.IssueLinkAsync();

        Assert.Equal(host.Now.AddDays(10), issued.ExpiresAt);
    }

    [Fact]
    public async Task A_link_never_outlives_the_prescription_s_last_questionnaire()
    {
        // Prescription ends Wednesday 2026-04-01: the last week is due Monday 2026-03-30 and takes answers until
        // Saturday 2026-04-04 00:00 in Paris (summer time), 2026-04-03 22:00 UTC.
        var patient = await PatientScenario.CreateAsync(Host, e => e.PrescriptionEnd = new DateOnly(2026, 4, 1), issueLink: false);

        var issued = await patient.IssueLinkAsync();

        Assert.Equal(new DateTime(2026, 4, 3, 22, 0, 0, DateTimeKind.Utc), issued.ExpiresAt);
    }

    [Fact]
    public async Task No_link_is_issued_for_an_ended_follow_up()
    {
        var patient = await PatientScenario.CreateAsync(Host, e => e.Status = EnrollmentStatus.Ended, issueLink: false);

        await Assert.ThrowsAsync<ConflictException>(() => patient.IssueLinkAsync());
    }

    [Fact]
    public async Task Issuing_a_new_link_revokes_the_one_in_force()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);
        var first = await patient.IssueLinkAsync();

        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await patient.IssueLinkAsync();

        Assert.Equal(PatientLinkStatus.Revoked, (await ResolveAsync(first.Token)).Status);
        Assert.Equal(PatientLinkStatus.Active, (await ResolveAsync(second.Token)).Status);
        Assert.Equal(Host.Now, (await LinkAsync(first.LinkId)).RevokedAt);
        await using var db = Host.Database.CreateContext();
        Assert.Equal(1, await db.PatientAccessLinks.CountAsync(l => l.EnrollmentId == patient.Enrollment.Id && l.RevokedAt == null));
    }

    [Fact]
    public async Task Two_links_issued_at_once_leave_exactly_one_in_force()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                return (await patient.IssueLinkAsync()).Token;
            }
            catch (ConflictException)
            {
                return null;
            }
        }));

        await using var db = Host.Database.CreateContext();
        var inForce = await db.PatientAccessLinks.Where(l => l.EnrollmentId == patient.Enrollment.Id && l.RevokedAt == null).ToListAsync();
        var survivor = Assert.Single(inForce);
        var active = outcomes.OfType<string>().Where(t => PatientLinkToken.Hash(t) == survivor.TokenHash);
        Assert.Single(active);
    }

    [Fact]
    public async Task A_revoked_link_is_refused_and_revoking_again_changes_nothing()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        var revoked = await Host.SendAsync(patient.AdminUser, new RevokePatientLinkCommand(patient.Patient.Id, patient.Enrollment.Id));
        var again = await Host.SendAsync(patient.AdminUser, new RevokePatientLinkCommand(patient.Patient.Id, patient.Enrollment.Id));

        Assert.True(revoked);
        Assert.False(again);
        Assert.Equal(PatientLinkStatus.Revoked, (await ResolveAsync(patient.Token)).Status);
    }

    [Fact]
    public async Task An_admin_cannot_touch_the_link_of_a_follow_up_elsewhere()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var elsewhere = await PatientScenario.CreateAsync(Host);

        // The patient named is visible to the admin; the enrollment named is another patient's, in another establishment.
        await Assert.ThrowsAnyAsync<NotFoundException>(() =>
            Host.SendAsync(patient.AdminUser, new IssuePatientLinkCommand(patient.Patient.Id, elsewhere.Enrollment.Id)));
        await Assert.ThrowsAnyAsync<NotFoundException>(() =>
            Host.SendAsync(patient.AdminUser, new RevokePatientLinkCommand(patient.Patient.Id, elsewhere.Enrollment.Id)));
        Assert.Equal(PatientLinkStatus.Active, (await ResolveAsync(elsewhere.Token)).Status);
        var denied = await Host.AuditEntriesAsync(e => e.Action == "patient-link.issue" && e.Outcome == AuditOutcome.Denied && e.StaffMemberId == patient.Admin.Id);
        Assert.Single(denied);
    }

    [Fact]
    public async Task A_resolved_link_gives_the_first_name_the_questionnaire_and_the_week_open_now()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        var before = await ResolveAsync(patient.Token);
        await patient.SubmitAsync(PatientScenario.OpenWeek, Answers.Calm());
        var after = await ResolveAsync(patient.Token);

        Assert.True(before.IsActive);
        var context = before.Context;
        Assert.Equal("Marie", context.FirstName);
        Assert.Equal(("onco-weekly", 1), (context.QuestionnaireCode, context.QuestionnaireVersion));
        // Week due Monday 2026-03-09 opens Saturday 03-07 and closes Saturday 03-14, midnight in Paris (UTC+1).
        Assert.Equal(
            new QuestionnaireWeek(PatientScenario.OpenWeek, new DateTime(2026, 3, 6, 23, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 13, 23, 0, 0, DateTimeKind.Utc), false, null),
            context.OpenWeek);
        Assert.Equal(new DateOnly(2026, 3, 16), context.NextWeek!.DueDate);
        Assert.False(context.NextWeek.Answered);
        Assert.Equal(Host.Now.AddDays(120), context.LinkExpiresAt);
        Assert.Equal((true, (DateTime?)Host.Now), (after.Context!.OpenWeek!.Answered, after.Context.OpenWeek.AnsweredAt));
    }

    [Fact]
    public async Task A_used_first_name_is_the_one_shown()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        await using (var db = Host.Database.CreateContext())
        {
            var stored = await db.Patients.SingleAsync(p => p.Id == patient.Patient.Id);
            stored.UsedFirstName = "Malou";
            await db.SaveChangesAsync();
        }

        Assert.Equal("Malou", (await ResolveAsync(patient.Token)).Context!.FirstName);
    }

    [Fact]
    public async Task A_paused_or_ended_follow_up_resolves_to_its_status_without_context()
    {
        var paused = await PatientScenario.CreateAsync(Host, e => e.Status = EnrollmentStatus.Paused);
        var ended = await PatientScenario.CreateAsync(Host);
        await using (var db = Host.Database.CreateContext())
        {
            (await db.Enrollments.SingleAsync(e => e.Id == ended.Enrollment.Id)).Status = EnrollmentStatus.Ended;
            await db.SaveChangesAsync();
        }

        Assert.Equal(new PatientLinkResolution(PatientLinkStatus.Paused, null), await ResolveAsync(paused.Token));
        Assert.Equal(new PatientLinkResolution(PatientLinkStatus.Ended, null), await ResolveAsync(ended.Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not a token at all, with spaces and far too long to be one")]
    public async Task Anything_but_a_link_in_force_resolves_to_unknown(string token)
    {
        var resolution = await ResolveAsync(token);

        Assert.Equal(PatientLinkStatus.Unknown, resolution.Status);
        Assert.Null(resolution.Context);
    }

    [Fact]
    public async Task Issue_and_resolve_are_audited_and_the_token_is_in_no_entry()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        await ResolveAsync(patient.Token);

        var entries = await Host.AuditEntriesAsync(e => e.PatientId == patient.Patient.Id);
        var issue = Assert.Single(entries, e => e.Action == "patient-link.issue");
        Assert.Equal((AuditOutcome.Success, patient.Admin.Id, StaffRole.Admin.ToString()), (issue.Outcome, issue.StaffMemberId!.Value, issue.Role));
        var resolve = Assert.Single(entries, e => e.Action == "patient-link.resolve");
        Assert.Equal(("patient link", (Guid?)null), (resolve.Actor, resolve.StaffMemberId));
        Assert.DoesNotContain(entries, e => $"{e.Detail}|{e.TargetId}".Contains(patient.Token, StringComparison.Ordinal));
    }

    private Task<PatientLinkResolution> ResolveAsync(string token) =>
        Host.SendAsync(TestCurrentUser.Anonymous(), new ResolvePatientLinkQuery(token));

    private async Task<PatientAccessLink> LinkAsync(Guid id)
    {
        await using var db = Host.Database.CreateContext();
        return await db.PatientAccessLinks.AsNoTracking().SingleAsync(l => l.Id == id);
    }
}

public sealed class PatientLinkSqliteTests(SqliteDatabaseFixture fixture) : PatientLinkTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PatientLinkPostgresTests(PostgresDatabaseFixture fixture) : PatientLinkTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class PatientLinkSqlServerTests(SqlServerDatabaseFixture fixture) : PatientLinkTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

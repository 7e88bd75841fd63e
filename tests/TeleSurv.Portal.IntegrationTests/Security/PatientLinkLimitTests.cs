using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Infrastructure.Auditing;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>
/// Guessing patient links: limited per client address with 429 and Retry-After; refusals audited as denied, one by one
/// up to a threshold, then as one summary of the burst.
/// </summary>
public sealed class PatientLinkLimitTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Guessed_links_past_the_limit_get_429_with_retry_after_and_each_refusal_is_denied(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestSchema.None);
        await using var factory = new PortalAppFactory(database.WithSettings(
            ("Demo:SeedOnEmptyDatabase", "true"), ("RateLimits:PatientLinks:PermitsPerAddress", "5"), ("RateLimits:PatientLinks:WindowSeconds", "600")));
        using var client = PortalClient.CreateClient(factory);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var page = await client.GetAsync(new Uri($"/p/guess-{attempt}", UriKind.Relative));
            statuses.Add(page.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/questionnaire", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"guess-api-{attempt}");
            using var api = await client.SendAsync(request);
            statuses.Add(api.StatusCode);
            if (api.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(api.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
            }
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(5));
        Assert.All(statuses.Skip(5), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));

        // Pages elsewhere are not limited by the guesses.
        using var signIn = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var refused = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "patient-link.resolve").ToListAsync();
        Assert.NotEmpty(refused);
        Assert.All(refused, entry =>
        {
            Assert.Equal(AuditOutcome.Denied, entry.Outcome);
            Assert.StartsWith("Link refused: Unknown", entry.Detail, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_burst_of_guesses_writes_its_first_refusals_then_one_summary_counting_the_rest_and_the_429s(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestSchema.None);
        var statuses = new List<HttpStatusCode>();
        var factory = new PortalAppFactory(database.WithSettings(
            ("Demo:SeedOnEmptyDatabase", "true"),
            ("RateLimits:PatientLinks:PermitsPerAddress", "8"), ("RateLimits:PatientLinks:WindowSeconds", "600"),
            ("Audit:RefusedLinks:Threshold", "3"), ("Audit:RefusedLinks:WindowSeconds", "600")));
        await using (factory)
        {
            using var client = PortalClient.CreateClient(factory);
            for (var attempt = 0; attempt < 12; attempt++)
            {
                using var page = await client.GetAsync(new Uri($"/p/guess-{attempt}", UriKind.Relative));
                statuses.Add(page.StatusCode);
            }

            await using var during = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            Assert.Equal(3, await during.AuditEntries.CountAsync(e => e.Action == "patient-link.resolve"));
        }

        // The portal has stopped: the burst in progress was summarised on the way out.
        Assert.Equal(4, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
        await using var db = database.CreateContext();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "patient-link.resolve" || e.Action == "patient-link.refused-burst")
            .OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["patient-link.resolve", "patient-link.resolve", "patient-link.resolve", "patient-link.refused-burst"], entries.Select(e => e.Action));
        var summary = entries[^1];
        Assert.Equal(AuditOutcome.Denied, summary.Outcome);
        Assert.Equal("patient link", summary.Actor);
        Assert.StartsWith("9 further patient links refused from ", summary.Detail, StringComparison.Ordinal);
        Assert.Contains("(RateLimited: 4, Unknown: 5). The first 3 have entries of their own.", summary.Detail, StringComparison.Ordinal);
    }

    /// <remarks>
    /// Under a test host the portal is stopped twice at once, by the test and by its own Program (whose RunAsync stops
    /// and disposes the host once it sees the stop): a summary taken by one of the two had to be written before
    /// either was done, however slow the database.
    /// </remarks>
    [Fact]
    public async Task A_burst_s_summary_slow_to_write_at_shutdown_is_written_before_the_portal_has_stopped()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        var factory = new PortalAppFactory(
            database.WithSettings(
                ("Demo:SeedOnEmptyDatabase", "true"),
                ("RateLimits:PatientLinks:PermitsPerAddress", "100"), ("RateLimits:PatientLinks:WindowSeconds", "600"),
                ("Audit:RefusedLinks:Threshold", "1"), ("Audit:RefusedLinks:WindowSeconds", "600")),
            services: s => s.AddScoped<IAuditTrail>(provider => new SlowSummaries(ActivatorUtilities.CreateInstance<AuditTrail>(provider))));
        await using (factory)
        {
            using var client = PortalClient.CreateClient(factory);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                using var page = await client.GetAsync(new Uri($"/p/guess-{attempt}", UriKind.Relative));
                Assert.NotEqual(HttpStatusCode.TooManyRequests, page.StatusCode);
            }
        }

        await using var db = database.CreateContext();
        var summary = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Action == RefusedLinkBursts.SummaryAction);
        Assert.NotNull(summary);
        Assert.StartsWith("2 further patient links refused from ", summary.Detail, StringComparison.Ordinal);
    }

    /// <summary>The audit trail, with a database slow to take a burst's summary.</summary>
    private sealed class SlowSummaries(IAuditTrail trail) : IAuditTrail
    {
        public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
        {
            if (record.Action == RefusedLinkBursts.SummaryAction)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }

            return await trail.AppendAsync(record, cancellationToken);
        }

        public Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default) => trail.VerifyAsync(cancellationToken);
    }
}

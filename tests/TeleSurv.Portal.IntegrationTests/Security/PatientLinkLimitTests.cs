using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>Guessing patient links: limited per client address with 429 and Retry-After; each refusal audited as denied.</summary>
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
}

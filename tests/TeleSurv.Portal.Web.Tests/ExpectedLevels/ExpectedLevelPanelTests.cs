using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.ExpectedLevels;
using TeleSurv.Portal.Web.Components.ExpectedLevels;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.ExpectedLevels;

public sealed class ExpectedLevelPanelTests
{
    private static readonly Guid PatientId = Guid.CreateVersion7();
    private static readonly Guid EnrollmentId = Guid.CreateVersion7();

    [Fact]
    public async Task Lists_the_levels_of_the_enrollment_with_who_set_them_and_why()
    {
        var other = Guid.CreateVersion7();
        var sender = new ListingSender(
            Level(EnrollmentId, "nausea", 2, "Nausées attendues J1-J3"),
            Level(other, "fatigue", 1, "Autre suivi"));
        await using var context = new ComponentTestContext(configure: s => s.AddSingleton<ISender>(sender).AddSingleton(TimeProvider.System));

        var html = WebUtility.HtmlDecode(await context.RenderAsync<ExpectedLevelPanel>(Parameters()));

        Assert.Contains("data-expected-level=\"nausea\"", html, StringComparison.Ordinal);
        Assert.Contains("Nausées</span> · jusqu'au grade 2", html, StringComparison.Ordinal);
        Assert.Contains("Nausées attendues J1-J3", html, StringComparison.Ordinal);
        Assert.Contains("Claire Martin", html, StringComparison.Ordinal);
        // A level of another follow-up of the same patient is not this enrollment's.
        Assert.DoesNotContain("data-expected-level=\"fatigue\"", html, StringComparison.Ordinal);
        Assert.Equal(PatientId, sender.AskedFor);
    }

    [Fact]
    public async Task Says_when_no_level_is_in_force_and_offers_only_graded_symptoms()
    {
        await using var context = new ComponentTestContext(
            culture: "en-GB", configure: s => s.AddSingleton<ISender>(new ListingSender()).AddSingleton(TimeProvider.System));

        var html = WebUtility.HtmlDecode(await context.RenderAsync<ExpectedLevelPanel>(Parameters()));

        Assert.Contains("No expected level in force.", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"nausea\"", html, StringComparison.Ordinal);
        // Presence items (rash) have no composite grade, so no level can be expected for them.
        Assert.DoesNotContain("<option value=\"rash\"", html, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Parameters() => new()
    {
        [nameof(ExpectedLevelPanel.PatientId)] = PatientId,
        [nameof(ExpectedLevelPanel.EnrollmentId)] = EnrollmentId,
    };

    private static ExpectedLevelRow Level(Guid enrollmentId, string item, int grade, string reason) =>
        new(Guid.CreateVersion7(), enrollmentId, item, grade, DateTime.UtcNow, DateTime.UtcNow.AddDays(7), reason,
            Guid.CreateVersion7(), "Claire Martin", null);

    private sealed class ListingSender(params ExpectedLevelRow[] rows) : AnsweringSender
    {
        public Guid? AskedFor { get; private set; }

        protected override TResponse Answer<TResponse>(IRequest<TResponse> request)
        {
            if (request is ListExpectedLevelsQuery query)
            {
                AskedFor = query.PatientId;
                return (TResponse)(object)(IReadOnlyList<ExpectedLevelRow>)rows;
            }

            throw new InvalidOperationException($"Unexpected request {request.GetType().Name}.");
        }
    }
}

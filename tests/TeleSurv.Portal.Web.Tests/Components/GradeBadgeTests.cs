using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Shared;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Components;

public sealed class GradeBadgeTests
{
    private static Task<string> RenderAsync(ComponentTestContext context, int grade, GradeScale scale = GradeScale.Composite) =>
        context.RenderReadableAsync<GradeBadge>(new Dictionary<string, object?>
        {
            [nameof(GradeBadge.Grade)] = grade,
            [nameof(GradeBadge.Scale)] = scale,
        });

    [Theory]
    [InlineData(0, "aucun")]
    [InlineData(1, "léger")]
    [InlineData(2, "modéré")]
    [InlineData(3, "sévère")]
    public async Task A_composite_grade_is_written_as_a_number_and_a_word_beside_its_colour(int grade, string name)
    {
        await using var context = new ComponentTestContext();

        var html = await RenderAsync(context, grade);

        Assert.Contains($"class=\"grade-badge grade-composite grade-{grade}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"grade-number\">{grade}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"grade-name\">{name}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"title=\"Grade composite PRO-CTCAE {grade} (0 à 3)\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "Sévère", 3)]
    [InlineData(4, "Menace du pronostic vital", 3)]
    [InlineData(5, "Décès", 3)]
    [InlineData(1, "Léger", 1)]
    public async Task A_confirmed_ctcae_grade_names_its_ctcae_definition_and_shares_the_severe_colour_from_3(int grade, string name, int level)
    {
        await using var context = new ComponentTestContext();

        var html = await RenderAsync(context, grade, GradeScale.Ctcae);

        Assert.Contains($"class=\"grade-badge grade-ctcae grade-{level}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"grade-name\">{name}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"title=\"Grade {grade} confirmé (CTCAE v5.0)\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speaks_english()
    {
        await using var context = new ComponentTestContext(culture: "en-GB");

        var composite = await RenderAsync(context, 2);
        var ctcae = await RenderAsync(context, 4, GradeScale.Ctcae);

        Assert.Contains("<span class=\"grade-name\">moderate</span>", composite, StringComparison.Ordinal);
        Assert.Contains("<span class=\"grade-name\">Life-threatening</span>", ctcae, StringComparison.Ordinal);
    }
}

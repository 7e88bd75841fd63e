using Bunit;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Shared;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Components;

public sealed class GradeBadgeTests : PortalComponentTest
{
    private IRenderedComponent<GradeBadge> RenderBadge(int grade, GradeScale scale = GradeScale.Composite) =>
        Render<GradeBadge>(parameters => parameters.Add(p => p.Grade, grade).Add(p => p.Scale, scale));

    [Theory]
    [InlineData(0, "aucun")]
    [InlineData(1, "léger")]
    [InlineData(2, "modéré")]
    [InlineData(3, "sévère")]
    public void A_composite_grade_is_written_as_a_number_and_a_word_beside_its_colour(int grade, string name)
    {
        var badge = RenderBadge(grade).Find(".grade-badge");

        Assert.Equal(["grade-badge", "grade-composite", $"grade-{grade}"], badge.ClassList);
        Assert.Equal($"{grade}", badge.QuerySelector(".grade-number")!.TextContent);
        Assert.Equal(name, badge.QuerySelector(".grade-name")!.TextContent);
        Assert.Equal($"Grade composite PRO-CTCAE {grade} (0 à 3)", badge.GetAttribute("title"));
    }

    [Theory]
    [InlineData(3, "Sévère", 3)]
    [InlineData(4, "Menace du pronostic vital", 3)]
    [InlineData(5, "Décès", 3)]
    [InlineData(1, "Léger", 1)]
    public void A_confirmed_ctcae_grade_names_its_ctcae_definition_and_shares_the_severe_colour_from_3(int grade, string name, int level)
    {
        var badge = RenderBadge(grade, GradeScale.Ctcae).Find(".grade-badge");

        Assert.Equal(["grade-badge", "grade-ctcae", $"grade-{level}"], badge.ClassList);
        Assert.Equal(name, badge.QuerySelector(".grade-name")!.TextContent);
        Assert.Equal($"Grade {grade} confirmé (CTCAE v5.0)", badge.GetAttribute("title"));
    }

    [Fact]
    public void Speaks_english()
    {
        UseCulture("en-GB");

        Assert.Equal("moderate", RenderBadge(2).Find(".grade-name").TextContent);
        Assert.Equal("Life-threatening", RenderBadge(4, GradeScale.Ctcae).Find(".grade-name").TextContent);
    }
}

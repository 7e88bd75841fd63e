using System.Text.RegularExpressions;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Web.Components.Patients;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Patients;

public sealed class SymptomHeatmapChartTests
{
    private static readonly DateOnly Week1 = new(2026, 2, 16);
    private static readonly DateOnly Week2 = new(2026, 2, 23);
    private static readonly DateOnly Week3 = new(2026, 3, 2);

    /// <summary>Three weeks, the second one unanswered; nausea worsens, fatigue has an ungraded answered week.</summary>
    private static SymptomHeatmap Heatmap() => new(
        Week1,
        Week3.AddDays(6),
        [new HeatmapWeek(Week1, true), new HeatmapWeek(Week2, false), new HeatmapWeek(Week3, true)],
        [
            new HeatmapRow("nausea", new LocalizedText("Nausées", "Nausea"), [1, null, 3]),
            new HeatmapRow("fatigue", new LocalizedText("Fatigue", "Fatigue"), [null, null, 2]),
        ]);

    private static Task<string> RenderAsync(ComponentTestContext context, SymptomHeatmap heatmap) =>
        context.RenderReadableAsync<SymptomHeatmapChart>(new Dictionary<string, object?> { [nameof(SymptomHeatmapChart.Heatmap)] = heatmap });

    [Fact]
    public async Task Each_cell_writes_its_grade_and_is_coloured_by_it()
    {
        await using var context = new ComponentTestContext();

        var html = await RenderAsync(context, Heatmap());

        var nausea = Row(html, "nausea");
        Assert.Matches("data-week=\"2026-02-16\" data-grade=\"1\"><rect[^>]*class=\"heatmap-grade-1\"[^>]*></rect><text[^>]*>1</text>", nausea);
        Assert.Matches("data-week=\"2026-03-02\" data-grade=\"3\"><rect[^>]*class=\"heatmap-grade-3\"[^>]*></rect><text[^>]*>3</text>", nausea);
        Assert.Contains(">Nausées</text>", nausea, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_week_without_a_response_is_hatched_and_marked_in_every_row()
    {
        await using var context = new ComponentTestContext();

        var html = await RenderAsync(context, Heatmap());

        Assert.Contains("data-week=\"2026-02-23\" data-answered=\"false\"", html, StringComparison.Ordinal);
        foreach (var item in new[] { "nausea", "fatigue" })
        {
            Assert.Matches(
                "data-week=\"2026-02-23\" data-grade=\"missing\"><rect[^>]*class=\"heatmap-missing\" fill=\"url\\(#heatmap-missing\\)\"[^>]*></rect><text[^>]*>–</text>",
                Row(html, item));
        }

        Assert.Contains("1 semaine(s) sans réponse", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answered_week_without_a_grade_for_the_symptom_is_told_apart_from_a_missing_week()
    {
        await using var context = new ComponentTestContext();

        var html = await RenderAsync(context, Heatmap());

        Assert.Matches("data-week=\"2026-02-16\" data-grade=\"none\"><rect[^>]*class=\"heatmap-grade-0\"[^>]*></rect><text[^>]*>·</text>", Row(html, "fatigue"));
    }

    [Fact]
    public async Task Is_an_image_with_a_title_the_legend_names_every_grade_and_the_weeks_are_dated()
    {
        await using var context = new ComponentTestContext(culture: "en-GB");

        var html = await RenderAsync(context, Heatmap());

        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"heatmap-title\">Symptom grades by week, from 16/02/2026 to 08/03/2026</title>", html, StringComparison.Ordinal);
        foreach (var word in new[] { "none", "mild", "moderate", "severe", "no response" })
        {
            Assert.Contains(word, html, StringComparison.Ordinal);
        }

        Assert.Contains(">16/02</text>", html, StringComparison.Ordinal);
        Assert.Contains(">Nausea</text>", html, StringComparison.Ordinal);
    }

    private static string Row(string html, string itemKey)
    {
        var match = Regex.Match(html, $"<g class=\"heatmap-row\" data-item=\"{itemKey}\">(.*?)</g>\\s*</g>(?=\\s*<g class=\"heatmap-row\"|\\s*</svg>)", RegexOptions.Singleline);
        Assert.True(match.Success, $"the row of {itemKey} is drawn");
        return Regex.Replace(match.Value, ">\\s+<", "><");
    }
}

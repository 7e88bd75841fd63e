using System.Globalization;
using Bunit;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Web.Components.Patients;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Patients;

public sealed class SymptomHeatmapChartTests : PortalComponentTest
{
    private static readonly DateOnly Week1 = new(2026, 2, 16);
    private static readonly DateOnly Week2 = new(2026, 2, 23);
    private static readonly DateOnly Week3 = new(2026, 3, 2);

    /// <summary>Three weeks, the second one unanswered; nausea worsens, fatigue has an ungraded answered week.</summary>
    private static SymptomHeatmap Heatmap(DateOnly until) => new(
        Week1,
        until,
        [new HeatmapWeek(Week1, true), new HeatmapWeek(Week2, false), new HeatmapWeek(Week3, true)],
        [
            new HeatmapRow("nausea", new LocalizedText("Nausées", "Nausea"), [1, null, 3]),
            new HeatmapRow("fatigue", new LocalizedText("Fatigue", "Fatigue"), [null, null, 2]),
        ]);

    private IRenderedComponent<SymptomHeatmapChart> RenderChart(SymptomHeatmap heatmap) =>
        Render<SymptomHeatmapChart>(p => p.Add(c => c.Heatmap, heatmap));

    [Fact]
    public void Each_week_has_its_own_header_the_day_over_the_month_so_no_date_runs_into_another()
    {
        UseCulture("en-GB");

        var chart = RenderChart(Heatmap(Week3.AddDays(2)));

        var headers = chart.FindAll("thead th[data-week]");
        Assert.Equal(["2026-02-16", "2026-02-23", "2026-03-02"], headers.Select(h => h.GetAttribute("data-week")));
        Assert.Equal(["16", "23", "2"], headers.Select(h => h.QuerySelector(".heatmap-day")!.TextContent));
        Assert.Equal(["Feb", "Feb", "Mar"], headers.Select(h => h.QuerySelector(".heatmap-month")!.TextContent));
        Assert.Equal("Week of Monday, 16 February 2026", headers[0].GetAttribute("aria-label"));
        // The symptom names head their rows in full: the grid scrolls sideways, the names are not cut.
        Assert.Equal(["Nausea", "Fatigue"], chart.FindAll("tbody th[scope='row']").Select(h => h.TextContent));
    }

    [Fact]
    public void Each_cell_writes_its_grade_and_says_it_in_words_not_only_in_colour()
    {
        var chart = RenderChart(Heatmap(Week3.AddDays(2)));

        var mild = Cell(chart, "nausea", Week1);
        Assert.Equal("1", mild.GetAttribute("data-grade"));
        Assert.Contains("heatmap-grade-1", mild.ClassList);
        Assert.Equal("1", mild.QuerySelector("[aria-hidden='true']")!.TextContent);
        Assert.Equal("Nausées, semaine du 16/02/2026 : grade 1 (léger)", mild.QuerySelector(".heatmap-said")!.TextContent);
        Assert.Equal("Nausées, semaine du 02/03/2026 : grade 3 (sévère)", Cell(chart, "nausea", Week3).GetAttribute("title"));
    }

    [Fact]
    public void A_week_without_a_response_is_hatched_and_marked_in_every_row_apart_from_an_answered_week_without_a_grade()
    {
        var chart = RenderChart(Heatmap(Week3.AddDays(2)));

        Assert.Equal("false", chart.Find("thead th[data-week='2026-02-23']").GetAttribute("data-answered"));
        foreach (var item in new[] { "nausea", "fatigue" })
        {
            var missing = Cell(chart, item, Week2);
            Assert.Equal(("missing", "–"), (missing.GetAttribute("data-grade"), missing.QuerySelector("[aria-hidden='true']")!.TextContent));
            Assert.Contains("heatmap-missing", missing.ClassList);
            Assert.EndsWith("pas de réponse", missing.GetAttribute("title"), StringComparison.Ordinal);
        }

        var ungraded = Cell(chart, "fatigue", Week1);
        Assert.Equal(("none", "·"), (ungraded.GetAttribute("data-grade"), ungraded.QuerySelector("[aria-hidden='true']")!.TextContent));
        Assert.EndsWith("répondu, non gradé", ungraded.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("1 semaine(s) sans réponse", chart.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "the chart ends on the due date of the week open now, answered before it")]
    [InlineData(4, "the week fell due four days ago and its window is still open")]
    [InlineData(6, "the week fell due six days ago, the last day before the next one")]
    public void The_week_open_now_is_the_last_column_marked_in_words(int daysSinceDue, string when)
    {
        var chart = RenderChart(Heatmap(Week3.AddDays(daysSinceDue)));

        var current = chart.FindAll("thead th[data-current='true']");
        Assert.True(current.Count == 1, when);
        Assert.Equal("2026-03-02", current[0].GetAttribute("data-week"));
        Assert.Contains("semaine en cours", current[0].GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("heatmap-current", Cell(chart, "nausea", Week3).ClassList);
        Assert.Contains("semaine en cours (du 02/03/2026)", chart.Find("[data-current-week-legend]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_ending_a_week_or_more_after_its_last_column_marks_no_current_week()
    {
        var chart = RenderChart(Heatmap(Week3.AddDays(7)));

        Assert.Empty(chart.FindAll("[data-current='true']"));
        Assert.Empty(chart.FindAll("[data-current-week-legend]"));
    }

    private static AngleSharp.Dom.IElement Cell(IRenderedComponent<SymptomHeatmapChart> chart, string item, DateOnly week) =>
        chart.Find($"tr[data-item='{item}'] td[data-week='{week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}']");
}

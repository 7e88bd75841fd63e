using System.Globalization;
using Bunit;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

/// <summary>The findings, the trends and the report of the alert page.</summary>
public sealed class AlertDocumentTests : PortalComponentTest
{
    private const string ReportText =
        "COMPTE RENDU DE TÉLÉSURVEILLANCE MÉDICALE\n"
        + "Établissement : CHU Démo (FINESS 750000001)\n"
        + "Patient : ROUSSEAU Hélène, née le 04/03/1961, IPP 123456 (HOP)\n"
        + "Constats\n"
        + "- Grade 3 (sévère) : Nausées\n"
        + "- Suspicion de neutropénie fébrile : 38,6 °C\n"
        + "Actions\n"
        + "- 07/12/2026 à 09:10, Julien Bernard (IDE) : appel, patient joint\n"
        + "Conclusion : dose adaptée\n";

    [Fact]
    public void A_finding_says_its_grade_once_in_its_sentence_with_the_rule_and_answers_in_small_print()
    {
        var findings = Render<AlertFindings>(parameters => parameters.Add(p => p.Findings, [AlertSamples.Fever, AlertSamples.Nausea]));

        var nausea = findings.Find("li.finding[data-item='nausea']");
        Assert.Equal("3", nausea.GetAttribute("data-grade"));
        Assert.Equal("High", nausea.QuerySelector("[data-priority]")!.GetAttribute("data-priority"));
        Assert.Equal(1, Occurrences(nausea.TextContent, "Grade 3") + Occurrences(nausea.TextContent, "G3"));
        Assert.Equal(1, Occurrences(nausea.TextContent, "grade 1"));
        Assert.Empty(nausea.QuerySelectorAll(".grade-badge, .worsened"));
        Assert.Contains("Symptôme sévère", nausea.QuerySelector(".finding-details")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(nausea.QuerySelector("[data-attribute='Severity']"));
        Assert.Contains("priority-edge-urgent", findings.Find("li.finding[data-rule='SuspectedFebrileNeutropenia']").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmed_ctcae_grade_shows_beside_the_finding()
    {
        var findings = Render<AlertFindings>(parameters => parameters.Add(p => p.Findings, [AlertSamples.Nausea with { ConfirmedCtcaeGrade = 2 }]));

        Assert.NotNull(findings.Find(".finding-details [data-confirmed-grade='2']"));
    }

    [Fact]
    public void The_trend_draws_each_week_at_a_legible_size_with_its_grade_written_and_a_missed_week_marked()
    {
        var monday = new DateOnly(2026, 10, 12);
        var points = Enumerable.Range(0, 8)
            .Select(i => new TrendPoint(monday.AddDays(7 * i), Answered: i != 5, Grade: i == 5 ? null : i % 4))
            .ToList();

        var chart = Render<SymptomTrendChart>(parameters => parameters.Add(p => p.Trend, new SymptomTrend("nausea", new("Nausées", "Nausea"), points)));

        var svg = chart.Find("svg.trend-svg");
        Assert.True(int.Parse(svg.GetAttribute("width")!, CultureInfo.InvariantCulture) >= 360, "eight weeks take a phone's width");
        Assert.True(int.Parse(svg.GetAttribute("height")!, CultureInfo.InvariantCulture) >= 110, "the four grades stand apart");
        Assert.Equal(8, chart.FindAll("[data-week]").Count);
        Assert.Equal("missing", chart.Find($"[data-week='{monday.AddDays(35):yyyy-MM-dd}']").GetAttribute("data-grade"));
        Assert.Equal("3", chart.Find($"[data-week='{monday.AddDays(21):yyyy-MM-dd}']").GetAttribute("data-grade"));
        Assert.Contains("Nausées", chart.Find("figcaption").TextContent, StringComparison.Ordinal);
        Assert.Contains("pas de réponse", chart.Find("desc").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR", "Voir les valeurs", "grade 2", "pas de réponse")]
    [InlineData("en-GB", "Show the values", "grade 2", "no response")]
    public void The_trend_s_values_read_as_a_table_on_demand_in_the_user_s_language(string culture, string show, string graded, string missing)
    {
        UseCulture(culture);
        var monday = new DateOnly(2026, 10, 12);
        TrendPoint[] points = [new(monday, true, 2), new(monday.AddDays(7), false, null), new(monday.AddDays(14), true, null)];

        var chart = Render<SymptomTrendChart>(parameters => parameters.Add(p => p.Trend, new SymptomTrend("nausea", new("Nausées", "Nausea"), points)));
        Assert.Empty(chart.FindAll("[data-trend-values]"));
        var toggle = chart.Find("[data-action='trend-values']");
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Contains(show, toggle.TextContent, StringComparison.Ordinal);

        toggle.Click();

        var rows = chart.FindAll("[data-trend-values] tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains(graded, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(monday.ToString("d", CultureInfo.GetCultureInfo(culture)), rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(missing, rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("true", chart.Find("[data-action='trend-values']").GetAttribute("aria-expanded"));
        Assert.Equal(chart.Find("[data-trend-values]").GetAttribute("id"), chart.Find("[data-action='trend-values']").GetAttribute("aria-controls"));
    }

    [Fact]
    public void The_report_reads_as_a_document_with_its_title_sections_and_lists()
    {
        var report = Render<AlertReportPanel>(parameters => parameters
            .Add(p => p.Report, new AlertReportView(Guid.CreateVersion7(), 1, DateTime.UtcNow, "Julien Bernard", StaffRole.Ide, null, ReportText, null)));

        var document = report.Find("[data-report-text]");
        Assert.Equal("COMPTE RENDU DE TÉLÉSURVEILLANCE MÉDICALE", document.QuerySelector("h3.report-doc-title")!.TextContent);
        Assert.Equal(["Constats", "Actions"], document.QuerySelectorAll("h4").Select(h => h.TextContent).ToArray());
        Assert.Equal(2, document.QuerySelectorAll("h4 + ul")[0].QuerySelectorAll("li").Length);
        Assert.Contains("Julien Bernard (IDE) : appel, patient joint", document.QuerySelectorAll("ul")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Établissement : CHU Démo (FINESS 750000001)", "Patient : ROUSSEAU Hélène, née le 04/03/1961, IPP 123456 (HOP)", "Conclusion : dose adaptée"],
            document.QuerySelectorAll("p.report-doc-line").Select(p => p.TextContent).ToArray());
        Assert.NotNull(report.Find("[data-action='print-report']"));
        Assert.Empty(report.FindAll("[data-report-withdrawn]"));
    }

    [Fact]
    public void Printing_the_report_asks_the_browser_to_print()
    {
        var print = JSInterop.SetupVoid("print");
        var report = Render<AlertReportPanel>(parameters => parameters
            .Add(p => p.Report, new AlertReportView(Guid.CreateVersion7(), 2, DateTime.UtcNow, "Julien Bernard", StaffRole.Ide, "Ajout.", ReportText, "Mauvaise patiente.")));

        report.Find("[data-action='print-report']").Click();

        Assert.Single(print.Invocations);
        Assert.Contains("Mauvaise patiente.", report.Find("[data-report-withdrawn]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_without_sections_is_a_title_and_lines_and_blank_lines_make_nothing()
    {
        Assert.Empty(ReportDocument.Read(string.Empty));
        var blocks = ReportDocument.Read("TITRE\r\n\r\nLigne un\n- seul point\n");

        Assert.Equal([ReportBlockKind.Title, ReportBlockKind.Heading, ReportBlockKind.List], blocks.Select(b => b.Kind).ToArray());
        Assert.Equal(["seul point"], blocks[2].Lines);
        Assert.Equal("TITRE", blocks[0].Lines[0]);
    }

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}

using System.Globalization;
using System.Text;
using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Tests.Support;

namespace TeleSurv.Portal.Domain.Tests.Questionnaires;

public class QuestionnaireCatalogTests
{
    private static readonly string ItemsCsv = RepositoryFiles.InRepository(
        "tests", "TeleSurv.Portal.Domain.Tests", "TestData", "pro-ctcae-items.csv");

    private static readonly QuestionnaireDefinition Weekly = QuestionnaireCatalog.Current;

    [Fact]
    public void The_current_questionnaire_is_the_weekly_oncology_one_version_1()
    {
        Assert.Equal("onco-weekly", Weekly.Code);
        Assert.Equal(1, Weekly.Version);
        Assert.Same(Weekly, QuestionnaireCatalog.Get("onco-weekly", 1).Definition);
        Assert.Contains(QuestionnaireCatalog.All, q => q.Definition == Weekly);
    }

    [Fact]
    public void A_published_definition_keeps_its_exact_json_text()
    {
        var file = RepositoryFiles.InRepository(
            "src", "TeleSurv.Portal.Domain", "Questionnaires", "Definitions", "onco-weekly.v1.json");

        Assert.Equal(File.ReadAllText(file, Encoding.UTF8), QuestionnaireCatalog.Get("onco-weekly", 1).Json);
    }

    [Theory]
    [InlineData("onco-weekly", 99)]
    [InlineData("other", 1)]
    public void An_unknown_code_or_version_is_not_found(string code, int version)
    {
        Assert.False(QuestionnaireCatalog.TryGet(code, version, out var found));
        Assert.Null(found);
        Assert.Throws<KeyNotFoundException>(() => QuestionnaireCatalog.Get(code, version));
    }

    public static TheoryData<int, string, string, string> ReferenceItems()
    {
        var data = new TheoryData<int, string, string, string>();
        foreach (var row in CsvFile.Read(ItemsCsv))
        {
            data.Add(int.Parse(row["item"], CultureInfo.InvariantCulture), row["key"], row["attributes"], row["ctcae_term"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceItems))]
    public void Every_reference_item_is_in_the_weekly_questionnaire_with_its_number_pattern_and_term(
        int number, string key, string attributes, string ctcaeTerm)
    {
        var item = Weekly.FindItem(key);

        Assert.NotNull(item);
        Assert.Equal(number, item.Number);
        Assert.Equal(attributes, string.Join('+', item.Attributes.Select(a => a.ToString().ToLowerInvariant())));
        Assert.Equal(ctcaeTerm, item.CtcaeTerm);
    }

    [Fact]
    public void The_weekly_questionnaire_asks_exactly_the_reference_items_in_their_order()
    {
        var keys = CsvFile.Read(ItemsCsv).Select(r => r["key"]);

        Assert.Equal(keys, Weekly.Items.Select(i => i.Key));
    }

    [Fact]
    public void Every_item_has_its_own_wording_in_french_and_english_for_each_attribute()
    {
        var english = CsvFile.Read(ItemsCsv).ToDictionary(r => r["key"], r => r["label_en"]);
        foreach (var item in Weekly.Items)
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Label.Fr));
            Assert.False(string.IsNullOrWhiteSpace(item.Label.En));
            Assert.Equal(item.Attributes.Order(), item.Questions.Keys.Order());
            Assert.All(item.Questions.Values, q =>
            {
                Assert.EndsWith("?", q.Fr, StringComparison.Ordinal);
                Assert.EndsWith("?", q.En, StringComparison.Ordinal);
                Assert.DoesNotContain("In the last 7 days", q.En, StringComparison.OrdinalIgnoreCase);
            });
        }

        Assert.Contains(Weekly.Items, i => i.Label.En != english[i.Key]);
    }

    [Fact]
    public void Answer_labels_follow_each_scale_in_both_languages()
    {
        Assert.Equal(
            ["Jamais", "Rarement", "Parfois", "Souvent", "Presque constamment"],
            Weekly.Scales[ProCtcaeAttributeKind.Frequency].Labels.Select(l => l.Fr));
        Assert.Equal(
            ["Never", "Rarely", "Sometimes", "Often", "Almost constantly"],
            Weekly.Scales[ProCtcaeAttributeKind.Frequency].Labels.Select(l => l.En));
        Assert.Equal(4, Weekly.Scales[ProCtcaeAttributeKind.Severity].MaxScore);
        Assert.Equal(4, Weekly.Scales[ProCtcaeAttributeKind.Interference].MaxScore);
        Assert.Equal(["Non", "Oui"], Weekly.Scales[ProCtcaeAttributeKind.Presence].Labels.Select(l => l.Fr));
        Assert.Equal("Aucune", Weekly.Scales[ProCtcaeAttributeKind.Severity].Labels[0].In(CultureInfo.GetCultureInfo("fr-FR")));
        Assert.Equal("None", Weekly.Scales[ProCtcaeAttributeKind.Severity].Labels[0].In(CultureInfo.GetCultureInfo("en-GB")));
    }

    [Fact]
    public void The_non_pro_questions_carry_their_ranges_and_the_recall_period_is_seven_days()
    {
        Assert.Equal(7, Weekly.RecallPeriodDays);
        Assert.Equal((34.0m, 43.0m, "°C"), (Weekly.Temperature.Min, Weekly.Temperature.Max, Weekly.Temperature.Unit));
        Assert.Equal((20m, 300m, "kg"), (Weekly.Weight.Min, Weekly.Weight.Max, Weekly.Weight.Unit));
        Assert.False(Weekly.Temperature.Required);
        Assert.False(Weekly.Weight.Required);
        Assert.True(Weekly.Urgency.Required);
        Assert.Contains("15", Weekly.Urgency.Hint!.Fr, StringComparison.Ordinal);
        Assert.Equal(1000, Weekly.Comment.MaxLength);
    }

    [SharedReferenceFact]
    public void The_test_copy_of_the_item_list_is_byte_identical_to_the_shared_reference()
    {
        var shared = File.ReadAllBytes(Path.Combine(RepositoryFiles.SharedClinical!, "pro-ctcae-items.csv"));
        Assert.Equal(shared, File.ReadAllBytes(ItemsCsv));
    }
}

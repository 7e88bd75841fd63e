using System.Globalization;
using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Tests.Support;

namespace TeleSurv.Portal.Domain.Tests.Grading;

public class ProCtcaeGradingTests
{
    private static readonly string RepositoryTable =
        RepositoryFiles.InRepository("src", "TeleSurv.Portal.Domain", "Grading", "pro-ctcae-composite-grades.csv");

    public static TheoryData<string, int?, int?, int?, int> PublishedRows()
    {
        var data = new TheoryData<string, int?, int?, int?, int>();
        foreach (var row in CsvFile.Read(RepositoryTable))
        {
            data.Add(
                row["attributes"],
                Score(row["frequency"]),
                Score(row["severity"]),
                Score(row["interference"]),
                int.Parse(row["composite_grade"], CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublishedRows))]
    public void Every_published_row_grades_as_the_table_says(
        string attributes, int? frequency, int? severity, int? interference, int expected)
    {
        var pattern = string.Join('+', new[]
        {
            frequency is null ? null : "frequency",
            severity is null ? null : "severity",
            interference is null ? null : "interference",
        }.OfType<string>());
        Assert.Equal(attributes, pattern);

        Assert.Equal(expected, ProCtcaeGrading.CompositeGrade(frequency, severity, interference));
    }

    [Fact]
    public void The_table_holds_the_179_published_combinations_by_pattern()
    {
        var counts = CsvFile.Read(RepositoryTable)
            .GroupBy(r => r["attributes"])
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(ProCtcaeGrading.PublishedCombinations, counts.Values.Sum());
        Assert.Equal(101, counts["frequency+severity+interference"]);
        Assert.Equal(21, counts["frequency+severity"]);
        Assert.Equal(21, counts["frequency+interference"]);
        Assert.Equal(21, counts["severity+interference"]);
        Assert.Equal(5, counts["frequency"]);
        Assert.Equal(5, counts["severity"]);
        Assert.Equal(5, counts["interference"]);
    }

    [Theory]
    [InlineData(0, 4, 4)]
    [InlineData(0, 3, null)]
    [InlineData(0, null, 2)]
    [InlineData(null, 0, 4)]
    public void A_first_attribute_at_zero_grades_zero_whatever_follows(int? frequency, int? severity, int? interference)
    {
        Assert.Equal(0, ProCtcaeGrading.CompositeGrade(frequency, severity, interference));
    }

    [Theory]
    [InlineData(-1, null, null, "frequency")]
    [InlineData(5, null, null, "frequency")]
    [InlineData(null, -1, null, "severity")]
    [InlineData(null, 5, null, "severity")]
    [InlineData(null, null, -1, "interference")]
    [InlineData(null, null, 5, "interference")]
    [InlineData(2, 9, 1, "severity")]
    [InlineData(1, 1, int.MaxValue, "interference")]
    [InlineData(int.MinValue, 1, 1, "frequency")]
    public void A_score_outside_0_to_4_is_rejected(int? frequency, int? severity, int? interference, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => ProCtcaeGrading.CompositeGrade(frequency, severity, interference));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void No_attribute_at_all_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ProCtcaeGrading.CompositeGrade(null, null, null));
        Assert.IsNotType<ArgumentOutOfRangeException>(error);
    }

    [Fact]
    public void The_table_version_names_the_published_algorithm()
    {
        Assert.Equal("basch-2021", ProCtcaeGrading.TableVersion);
    }

    [Fact]
    public void Grading_from_many_threads_at_once_gives_the_same_grades()
    {
        var expected = Enumerable.Range(0, 125)
            .Select(n => ProCtcaeGrading.CompositeGrade(n / 25, n / 5 % 5, n % 5))
            .ToArray();

        Parallel.For(0, 64, _ =>
        {
            for (var n = 0; n < 125; n++)
            {
                Assert.Equal(expected[n], ProCtcaeGrading.CompositeGrade(n / 25, n / 5 % 5, n % 5));
            }
        });
    }

    [SharedReferenceFact]
    public void The_repository_copy_is_byte_identical_to_the_shared_reference()
    {
        var shared = File.ReadAllBytes(Path.Combine(RepositoryFiles.SharedClinical!, "pro-ctcae-composite-grades.csv"));
        Assert.Equal(shared, File.ReadAllBytes(RepositoryTable));
    }

    private static int? Score(string cell) =>
        cell.Length == 0 ? null : int.Parse(cell, CultureInfo.InvariantCulture);
}

public class ProCtcaeGradingTableCheckTests
{
    private static readonly string Published = File.ReadAllText(
        RepositoryFiles.InRepository("src", "TeleSurv.Portal.Domain", "Grading", "pro-ctcae-composite-grades.csv"));

    [Theory]
    [InlineData("frequency,1,,,1\n", "frequency,1,,,1\nfrequency,1,,,2\n", "duplicate")]
    [InlineData("frequency,4,,,3\n", "", "179")]
    [InlineData("severity,,4,,3\n", "severity,,4,,4\n", "0-3")]
    [InlineData("severity,,4,,3\n", "severity,,5,,3\n", "0-4")]
    [InlineData("severity,,4,,3\n", "severity,1,4,,3\n", "outside the pattern")]
    [InlineData("severity,,4,,3\n", "amount,,4,,3\n", "unknown attribute")]
    [InlineData("frequency,0,,,0\n", "frequency,0,,,1\n", "first attribute is 0")]
    [InlineData("attributes,frequency", "attributes,freq", "must start with")]
    public void A_damaged_table_is_refused(string original, string damaged, string reason)
    {
        Assert.Contains(original, Published, StringComparison.Ordinal);
        var text = Published.Replace(original, damaged, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ProCtcaeGrading.BuildTable(new StringReader(text)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_missing_a_graded_combination_is_refused_even_with_179_rows()
    {
        var text = Published.Replace(
            "frequency+severity,4,4,,3\n", "frequency+severity,0,4,,0\n", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ProCtcaeGrading.BuildTable(new StringReader(text)));
        Assert.Contains("lacks the combination frequency=4, severity=4", error.Message, StringComparison.Ordinal);
    }
}

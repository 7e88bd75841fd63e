using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;
using static TeleSurv.Portal.Domain.Questionnaires.SubmissionErrorCodes;

namespace TeleSurv.Portal.Domain.Tests.Questionnaires;

public class SubmissionGraderTests
{
    [Fact]
    public void A_week_with_nothing_to_report_grades_every_item_zero_and_rash_without_grade()
    {
        var grading = Submissions.Grade(Submissions.With());

        Assert.True(grading.IsValid);
        Assert.Empty(grading.Errors);
        var result = grading.Result;
        Assert.Equal(Submissions.Weekly.Items.Select(i => i.Key), result.Answers.Select(a => a.ItemKey));
        Assert.All(result.Answers.Where(a => a.ItemKey != "rash"), a => Assert.Equal(0, a.CompositeGrade));
        var rash = Assert.Single(result.Answers, a => a.ItemKey == "rash");
        Assert.Null(rash.CompositeGrade);
        Assert.False(rash.Present);
        Assert.Equal(("onco-weekly", 1, "basch-2021"),
            (result.QuestionnaireCode, result.QuestionnaireVersion, result.GradingTableVersion));
    }

    public static TheoryData<string, SymptomAnswer, int> GradedItems() => new()
    {
        { "abdominal_pain", new() { Frequency = 3, Severity = 3, Interference = 3 }, 3 },
        { "abdominal_pain", new() { Frequency = 1, Severity = 2, Interference = 1 }, 2 },
        { "abdominal_pain", new() { Frequency = 2, Severity = 0 }, 0 },
        { "abdominal_pain", new() { Frequency = 3, Severity = 0 }, 1 },
        { "nausea", new() { Frequency = 3, Severity = 2 }, 2 },
        { "nausea", new() { Frequency = 4, Severity = 4 }, 3 },
        { "fatigue", new() { Severity = 4, Interference = 0 }, 2 },
        { "fatigue", new() { Severity = 3, Interference = 4 }, 3 },
        { "diarrhea", new() { Frequency = 4 }, 3 },
        { "constipation", new() { Severity = 2 }, 2 },
    };

    [Theory]
    [MemberData(nameof(GradedItems))]
    public void Answers_are_stored_raw_with_the_composite_grade_of_the_published_table(
        string key, SymptomAnswer answer, int grade)
    {
        var grading = Submissions.Grade(Submissions.With(items => items[key] = answer));

        Assert.True(grading.IsValid);
        var stored = Assert.Single(grading.Result.Answers, a => a.ItemKey == key);
        Assert.Equal((answer.Frequency, answer.Severity, answer.Interference), (stored.Frequency, stored.Severity, stored.Interference));
        Assert.Equal(grade, stored.CompositeGrade);
    }

    [Fact]
    public void An_attribute_skipped_by_branching_is_stored_as_not_asked_and_graded_as_zero()
    {
        var grading = Submissions.Grade(Submissions.With(items => items["pain"] = new() { Frequency = 2, Severity = 0 }));

        var pain = Assert.Single(grading.Result!.Answers, a => a.ItemKey == "pain");
        Assert.Null(pain.Interference);
        Assert.Equal(ProCtcaeGrading.CompositeGrade(2, 0, 0), pain.CompositeGrade);
    }

    public static TheoryData<string, string, string> ItemErrors() => new()
    {
        // key, answer (f/s/i/p, "-" = null), expected "code@field"
        { "nausea", "5/-/-/-", $"{ScoreOutOfRange}@items.nausea.frequency" },
        { "nausea", "-1/-/-/-", $"{ScoreOutOfRange}@items.nausea.frequency" },
        { "nausea", "2/7/-/-", $"{ScoreOutOfRange}@items.nausea.severity" },
        { "nausea", "-/-/-/-", $"{MissingAnswer}@items.nausea.frequency" },
        { "nausea", "2/-/-/-", $"{MissingAnswer}@items.nausea.severity" },
        { "nausea", "0/1/-/-", $"{SkippedByBranching}@items.nausea.severity" },
        { "nausea", "0/0/-/-", $"{SkippedByBranching}@items.nausea.severity" },
        { "nausea", "1/1/1/-", $"{AttributeNotInItem}@items.nausea.interference" },
        { "nausea", "1/1/-/true", $"{AttributeNotInItem}@items.nausea.present" },
        { "pain", "1/0/2/-", $"{SkippedByBranching}@items.pain.interference" },
        { "pain", "0/-/2/-", $"{SkippedByBranching}@items.pain.interference" },
        { "pain", "2/3/-/-", $"{MissingAnswer}@items.pain.interference" },
        { "pain", "2/3/5/-", $"{ScoreOutOfRange}@items.pain.interference" },
        { "fatigue", "1/0/-/-", $"{AttributeNotInItem}@items.fatigue.frequency" },
        { "fatigue", "-/0/1/-", $"{SkippedByBranching}@items.fatigue.interference" },
        { "constipation", "-/2/1/-", $"{AttributeNotInItem}@items.constipation.interference" },
        { "rash", "-/-/-/-", $"{MissingAnswer}@items.rash.present" },
        { "rash", "-/2/-/true", $"{AttributeNotInItem}@items.rash.severity" },
    };

    [Theory]
    [MemberData(nameof(ItemErrors))]
    public void A_wrong_item_answer_is_reported_with_its_code_and_field(string key, string answer, string expected)
    {
        var grading = Submissions.Grade(Submissions.With(items => items[key] = Parse(answer)));

        Assert.False(grading.IsValid);
        Assert.Null(grading.Result);
        Assert.Equal([expected], grading.Errors.Select(e => $"{e.Code}@{e.Field}"));
        Assert.All(grading.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void A_missing_or_null_item_and_an_unknown_item_are_reported()
    {
        var grading = Submissions.Grade(Submissions.With(items =>
        {
            items.Remove("cough");
            items["fatigue"] = null;
            items["hair_loss"] = new SymptomAnswer { Severity = 1 };
            items["Nausea"] = new SymptomAnswer { Frequency = 1 };
        }));

        Assert.Equal(
            [
                $"{MissingAnswer}@items.cough",
                $"{MissingAnswer}@items.fatigue",
                $"{UnknownItem}@items.Nausea",
                $"{UnknownItem}@items.hair_loss",
            ],
            grading.Errors.Select(e => $"{e.Code}@{e.Field}"));
    }

    [Fact]
    public void A_body_with_null_items_reports_every_item_as_missing()
    {
        var grading = Submissions.Grade(new QuestionnaireSubmission { Items = null!, PatientUrgent = false });

        Assert.Equal(Submissions.Weekly.Items.Select(i => $"{MissingAnswer}@items.{i.Key}"),
            grading.Errors.Select(e => $"{e.Code}@{e.Field}"));
    }

    [Theory]
    [InlineData(33.9, null)]
    [InlineData(43.1, null)]
    [InlineData(null, 19.9)]
    [InlineData(null, 300.1)]
    public void A_temperature_or_weight_outside_the_plausible_range_is_refused(double? temperature, double? weight)
    {
        var grading = Submissions.Grade(Submissions.With(
            temperature: (decimal?)temperature, weight: (decimal?)weight));

        var error = Assert.Single(grading.Errors);
        Assert.Equal(ValueOutOfRange, error.Code);
        Assert.Equal(temperature is null ? "weightKg" : "temperatureCelsius", error.Field);
    }

    [Theory]
    [InlineData(34.0, 20.0)]
    [InlineData(43.0, 300.0)]
    [InlineData(null, null)]
    public void Range_limits_are_inclusive_and_both_measures_are_optional(double? temperature, double? weight)
    {
        var grading = Submissions.Grade(Submissions.With(
            temperature: (decimal?)temperature, weight: (decimal?)weight));

        Assert.True(grading.IsValid);
        Assert.Equal((decimal?)temperature, grading.Result.TemperatureCelsius);
        Assert.Equal((decimal?)weight, grading.Result.WeightKg);
    }

    [Fact]
    public void The_urgency_question_must_be_answered()
    {
        var grading = Submissions.Grade(Submissions.With(urgent: null));

        var error = Assert.Single(grading.Errors);
        Assert.Equal((MissingAnswer, "patientUrgent"), (error.Code, error.Field));
    }

    [Fact]
    public void A_comment_longer_than_allowed_is_refused_but_the_limit_itself_is_accepted()
    {
        var atLimit = Submissions.Grade(Submissions.With(comment: new string('a', 1000)));
        var over = Submissions.Grade(Submissions.With(comment: new string('a', 1001)));

        Assert.True(atLimit.IsValid);
        var error = Assert.Single(over.Errors);
        Assert.Equal((TooLong, "comment"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("  Besoin d'un rappel \r\n merci ", "Besoin d'un rappel \n merci")]
    [InlineData("   \r\n ", null)]
    [InlineData("Fie\u0300vre", "Fi\u00e8vre")]
    public void The_comment_is_normalised(string comment, string? stored)
    {
        Assert.Equal(stored, Submissions.Grade(Submissions.With(comment: comment)).Result!.Comment);
    }

    [Fact]
    public void Every_problem_of_a_submission_is_reported_in_questionnaire_order()
    {
        var grading = Submissions.Grade(Submissions.With(
            items =>
            {
                items["nausea"] = new SymptomAnswer { Frequency = 9 };
                items["pain"] = new SymptomAnswer { Frequency = 0, Severity = 2 };
                items["unknown"] = new SymptomAnswer();
            },
            temperature: 50m,
            urgent: null,
            comment: new string('x', 2000)));

        Assert.Equal(
            [
                "items.nausea.frequency", "items.pain.severity", "items.unknown",
                "temperatureCelsius", "patientUrgent", "comment",
            ],
            grading.Errors.Select(e => e.Field));
    }

    private static SymptomAnswer Parse(string answer)
    {
        var parts = answer.Split('/');
        int? Score(string part) => part == "-" ? null : int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
        return new SymptomAnswer
        {
            Frequency = Score(parts[0]),
            Severity = Score(parts[1]),
            Interference = Score(parts[2]),
            Present = parts[3] == "-" ? null : bool.Parse(parts[3]),
        };
    }
}

public class SubmissionJsonTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Fact]
    public void A_submission_binds_from_json_whose_names_are_the_error_fields()
    {
        var items = string.Join(",", QuestionnaireCatalog.Current.Items
            .Where(i => i.Key is not "nausea" and not "rash")
            .Select(i => $"\"{i.Key}\":{{\"{i.Attributes[0].ToString().ToLowerInvariant()}\":0}}"));
        var json = "{\"items\":{" + items + ",\"nausea\":{\"frequency\":3,\"severity\":2},\"rash\":{\"present\":true}},"
            + "\"temperatureCelsius\":38.4,\"weightKg\":71.2,\"patientUrgent\":false,\"comment\":\"ok\"}";

        var submission = System.Text.Json.JsonSerializer.Deserialize<QuestionnaireSubmission>(
            json, Web)!;
        var grading = SubmissionGrader.Grade(QuestionnaireCatalog.Current, submission);

        Assert.True(grading.IsValid, string.Join(", ", grading.Errors));
        Assert.Equal(2, grading.Result.Answers.Single(a => a.ItemKey == "nausea").CompositeGrade);
        Assert.True(grading.Result.Answers.Single(a => a.ItemKey == "rash").Present);
        Assert.Equal((38.4m, 71.2m), (grading.Result.TemperatureCelsius!.Value, grading.Result.WeightKg!.Value));
    }
}

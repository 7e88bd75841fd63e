using System.Security.Cryptography;
using System.Text;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Domain.Tests.Questionnaires;

public class SubmissionContentHashTests
{
    private static string HashOf(QuestionnaireSubmission submission) =>
        Submissions.Grade(submission).Result!.ContentHash;

    [Fact]
    public void The_same_answers_sent_in_another_order_and_format_have_the_same_hash()
    {
        var first = Submissions.With(
            items => items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 1 },
            temperature: 38m, weight: 70.50m, comment: "Fièvre hier soir");
        var reordered = new QuestionnaireSubmission
        {
            Items = first.Items.Reverse().ToDictionary(p => p.Key, p => p.Value),
            TemperatureCelsius = 38.0m,
            WeightKg = 70.5m,
            PatientUrgent = false,
            Comment = "  Fie\u0300vre hier soir\r\n",
        };

        Assert.Equal(HashOf(first), HashOf(reordered));
        Assert.Matches("^[0-9a-f]{64}$", HashOf(first));
    }

    public static TheoryData<string, QuestionnaireSubmission> Changes() => new()
    {
        { "a score", Submissions.With(items => items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 2 }) },
        { "an item", Submissions.With(items =>
            {
                items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 1 };
                items["rash"] = new SymptomAnswer { Present = true };
            }) },
        { "the temperature", Submissions.With(items => items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 1 }, temperature: 38.1m) },
        { "no temperature", Submissions.With(items => items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 1 }, temperature: null, weight: 70.5m) },
        { "the weight", Submissions.With(items => items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 1 }, temperature: 38m, weight: 71m) },
        { "urgency", Submissions.With(items => items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 1 }, temperature: 38m, weight: 70.5m, urgent: true) },
        { "the comment", Submissions.With(items => items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 1 }, temperature: 38m, weight: 70.5m, comment: "fièvre hier soir") },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_of_content_changes_the_hash(string change, QuestionnaireSubmission changed)
    {
        var original = Submissions.With(
            items => items["nausea"] = new SymptomAnswer { Frequency = 2, Severity = 1 },
            temperature: 38m, weight: 70.5m, comment: "Fièvre hier soir");

        Assert.False(HashOf(original) == HashOf(changed), $"Changing {change} kept the hash.");
    }

    [Fact]
    public void The_canonical_form_is_fixed_so_that_stored_hashes_stay_comparable()
    {
        ItemAnswer[] answers =
        [
            new() { ItemKey = "rash", Present = true },
            new() { ItemKey = "nausea", Frequency = 2, Severity = 1, CompositeGrade = 1 },
        ];

        var form = SubmissionContentHash.CanonicalForm(answers, 38.10m, null, true, "é");

        var commentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("é")));
        Assert.Equal(
            "{\"format\":1,\"items\":[[\"nausea\",2,1,null,null],[\"rash\",null,null,null,true]],"
            + "\"temperatureCelsius\":\"38.1\",\"weightKg\":null,\"patientUrgent\":true,"
            + $"\"commentSha256\":\"{commentHash}\"}}",
            Encoding.ASCII.GetString(form));
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(form)),
            SubmissionContentHash.Compute(answers, 38.10m, null, true, "é"));
    }
}

using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;
using static TeleSurv.Portal.Domain.Grading.ProCtcaeAttributeKind;

namespace TeleSurv.Portal.Domain.Tests.Questionnaires;

public class BranchingTests
{
    public static TheoryData<string, int?, int?, int?, ProCtcaeAttributeKind[]> Cases() => new()
    {
        { "pain", null, null, null, [Frequency] },
        { "pain", 0, null, null, [Frequency] },
        { "pain", 1, null, null, [Frequency, Severity] },
        { "pain", 1, 0, null, [Frequency, Severity] },
        { "pain", 3, 2, null, [Frequency, Severity, Interference] },
        { "pain", 3, 2, 4, [Frequency, Severity, Interference] },
        { "nausea", 0, null, null, [Frequency] },
        { "nausea", 4, null, null, [Frequency, Severity] },
        { "fatigue", null, 0, null, [Severity] },
        { "fatigue", null, 2, null, [Severity, Interference] },
        { "diarrhea", 3, null, null, [Frequency] },
        { "constipation", null, 4, null, [Severity] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_attribute_is_asked_only_when_the_one_before_is_above_zero(
        string key, int? frequency, int? severity, int? interference, ProCtcaeAttributeKind[] expected)
    {
        var item = QuestionnaireCatalog.Current.FindItem(key)!;
        var answer = new SymptomAnswer { Frequency = frequency, Severity = severity, Interference = interference };

        Assert.Equal(expected, item.AttributesToAsk(answer));
    }

    [Fact]
    public void A_presence_item_asks_one_yes_no_question()
    {
        var rash = QuestionnaireCatalog.Current.FindItem("rash")!;

        Assert.True(rash.IsPresenceItem);
        Assert.Equal([Presence], rash.AttributesToAsk(new SymptomAnswer { Present = true }));
    }
}

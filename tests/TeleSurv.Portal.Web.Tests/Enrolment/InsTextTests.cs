using TeleSurv.Portal.Web.Components.Enrolment;

namespace TeleSurv.Portal.Web.Tests.Enrolment;

public sealed class InsTextTests
{
    [Theory]
    [InlineData("261097511501207", "2 61 09 75 115 012 07")]
    [InlineData(" 2 6109 75115 01207 ", "2 61 09 75 115 012 07")]
    [InlineData("185052a00608436", "1 85 05 2A 006 084 36")]
    [InlineData("2610", "2 61 0")]
    [InlineData("2610975115012070", "2610975115012070")]
    [InlineData("26-10", "26-10")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void The_ins_is_grouped_as_on_the_carte_vitale_and_what_cannot_be_one_is_left_as_typed(string? typed, string? shown) =>
        Assert.Equal(shown, InsText.Grouped(typed));

    [Theory]
    [InlineData("2 61 09 75 115 012 07", "261097511501207")]
    [InlineData("1 85 05 2a 006 084 36", "185052A00608436")]
    [InlineData(" ", null)]
    public void The_ins_sent_has_its_characters_alone(string typed, string? sent) =>
        Assert.Equal(sent, InsText.Compact(typed));
}

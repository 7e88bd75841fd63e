using TeleSurv.Portal.Infrastructure.Oru;

namespace TeleSurv.Portal.Application.Tests.Oru;

/// <summary>The parts of the ORU fields the encoder derives: professionals' names by XCN part, abnormal flags by grade.</summary>
public sealed class OruFieldTests
{
    [Theory]
    [InlineData("Dr Sophie LEFÈVRE", "LEFÈVRE", "Sophie", "DR")]
    [InlineData("Julien BERNARD", "BERNARD", "Julien", null)]
    [InlineData("Pr. Anne-Marie DE LA FONTAINE", "DE LA FONTAINE", "Anne-Marie", "PR")]
    [InlineData("Docteur Jean Paul MARTIN", "MARTIN", "Jean Paul", "DR")]
    [InlineData("JEAN DUPONT", "DUPONT", "JEAN", null)]
    [InlineData("Claire Martin", "Martin", "Claire", null)]
    [InlineData("  Nadia   ROUSSEL ", "ROUSSEL", "Nadia", null)]
    [InlineData("Dr HOUSE", "HOUSE", null, "DR")]
    [InlineData("Madonna", "Madonna", null, null)]
    [InlineData("Dr", "Dr", null, null)]
    public void A_display_name_is_cut_into_family_given_and_title(string displayName, string family, string? given, string? prefix) =>
        Assert.Equal(new ProfessionalName(family, given, prefix), ProfessionalName.Split(displayName));

    [Theory]
    [InlineData(0, "N")]
    [InlineData(1, "N")]
    [InlineData(2, "H")]
    [InlineData(3, "HH")]
    [InlineData(4, "HH")]
    [InlineData(5, "HH")]
    public void A_graded_value_is_flagged_by_the_documented_table(int grade, string flag) =>
        Assert.Equal(flag, OruMessageEncoder.AbnormalFlag(grade));
}

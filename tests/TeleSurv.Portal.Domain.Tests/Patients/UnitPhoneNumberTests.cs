using TeleSurv.Portal.Domain.Establishments;

namespace TeleSurv.Portal.Domain.Tests.Patients;

public sealed class UnitPhoneNumberTests
{
    [Theory]
    [InlineData("0241353637", "02 41 35 36 37")]
    [InlineData("02.41.35.36.37", "02 41 35 36 37")]
    [InlineData(" 02-41-35-36-37 ", "02 41 35 36 37")]
    [InlineData("+33 2 41 35 36 37", "+33 2 41 35 36 37")]
    [InlineData("+33 (0)2 41 35 36 37", "+33 2 41 35 36 37")]
    [InlineData("0033241353637", "+33 2 41 35 36 37")]
    [InlineData("+262 262 40 50 60", "+262262405060")]
    [InlineData("+32 2 555 12 12", "+3225551212")]
    public void A_dialable_number_is_written_in_the_usual_form(string typed, string written) =>
        Assert.Equal(written, UnitPhoneNumber.Normalise(typed));

    [Theory]
    [InlineData("02 41 35")]
    [InlineData("024135363712")]
    [InlineData("0041 35")]
    [InlineData("15")]
    [InlineData("00 33 2 41 35")]
    [InlineData("2413536370")]
    [InlineData("02 41 35 36 3A")]
    [InlineData("+33 2 41 35 36")]
    [InlineData("02+41353637")]
    [InlineData("++33241353637")]
    public void A_number_no_one_can_dial_is_refused(string typed) =>
        Assert.Null(UnitPhoneNumber.Normalise(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_number_is_none(string? typed) => Assert.Null(UnitPhoneNumber.Normalise(typed));
}

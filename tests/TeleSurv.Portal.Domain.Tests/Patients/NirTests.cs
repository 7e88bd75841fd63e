using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Domain.Tests.Patients;

public class NirTests
{
    private static readonly DateOnly BornMarch1979 = new(1979, 3, 28);

    [Theory]
    [InlineData("279035121518989")]
    [InlineData("185052A00112349")]
    [InlineData("185052B00112376")]
    public void A_number_with_its_right_key_is_accepted_corsica_counting_2A_as_19_and_2B_as_18(string value)
    {
        Assert.True(Nir.HasValidKey(value));
    }

    [Theory]
    [InlineData("279035121518988", NirProblem.WrongKey)]
    [InlineData("123456789012345", NirProblem.WrongKey)]
    [InlineData("185052A00112376", NirProblem.WrongKey)]
    [InlineData("185052B00112349", NirProblem.WrongKey)]
    [InlineData("27903512151898", NirProblem.Malformed)]
    [InlineData("979035121518989", NirProblem.Malformed)]
    [InlineData("279035A21518989", NirProblem.Malformed)]
    [InlineData("", NirProblem.Malformed)]
    public void A_mistyped_or_malformed_number_is_refused(string value, NirProblem problem)
    {
        var problems = Nir.Check(value, Sex.Female, BornMarch1979);

        Assert.Equal([problem], problems);
        Assert.True(Nir.IsRefused(problem));
    }

    [Fact]
    public void The_traits_that_disagree_with_the_declared_ones_are_warnings()
    {
        Assert.Empty(Nir.Check("279035121518989", Sex.Female, BornMarch1979));
        Assert.Equal([NirProblem.SexMismatch], Nir.Check("279035121518989", Sex.Male, BornMarch1979));
        Assert.Equal([NirProblem.BirthYearMismatch, NirProblem.BirthMonthMismatch], Nir.Check("279035121518989", Sex.Female, new DateOnly(1980, 4, 1)));
        Assert.All(Nir.Check("279035121518989", Sex.Male, new DateOnly(1980, 4, 1)), p => Assert.False(Nir.IsRefused(p)));
    }

    [Theory]
    [InlineData('3', Sex.Male)]
    [InlineData('4', Sex.Female)]
    [InlineData('7', Sex.Male)]
    [InlineData('8', Sex.Female)]
    public void Numbers_of_people_born_abroad_or_awaiting_a_nir_give_the_sex_by_odd_and_even(char sexDigit, Sex sex)
    {
        var thirteen = sexDigit + "790351215189";
        var value = thirteen + Nir.Key(thirteen).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Empty(Nir.Check(value, sex, BornMarch1979));
        Assert.Equal([NirProblem.SexMismatch], Nir.Check(value, sex == Sex.Male ? Sex.Female : Sex.Male, BornMarch1979));
    }

    [Theory]
    [InlineData("20")]
    [InlineData("30")]
    [InlineData("42")]
    [InlineData("50")]
    [InlineData("99")]
    public void A_month_standing_for_an_unknown_or_special_month_is_not_compared(string month)
    {
        var thirteen = "279" + month + "51215189";
        var value = thirteen + Nir.Key(thirteen).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Empty(Nir.Check(value, Sex.Female, BornMarch1979));
    }
}

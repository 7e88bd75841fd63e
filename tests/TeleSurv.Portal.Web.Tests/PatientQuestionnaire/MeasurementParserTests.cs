using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Web.Components.PatientQuestionnaire;

namespace TeleSurv.Portal.Web.Tests.PatientQuestionnaire;

public sealed class MeasurementParserTests
{
    private static readonly MeasurementQuestion Temperature = QuestionnaireCatalog.Current.Temperature;

    [Theory]
    [InlineData("38,5", 38.5)]
    [InlineData("38.5", 38.5)]
    [InlineData(" 37 ", 37)]
    public void Reads_a_decimal_comma_or_point(string text, double expected)
    {
        var (value, error) = MeasurementParser.Parse(text, Temperature);

        Assert.Equal(MeasurementError.None, error);
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_means_not_given(string? text)
    {
        Assert.Equal((null, MeasurementError.None), MeasurementParser.Parse(text, Temperature));
    }

    [Theory]
    [InlineData("trente-huit", MeasurementError.NotANumber)]
    [InlineData("38,5,1", MeasurementError.NotANumber)]
    [InlineData("-1", MeasurementError.NotANumber)]
    [InlineData("50", MeasurementError.OutOfRange)]
    [InlineData("20", MeasurementError.OutOfRange)]
    public void Refuses_what_is_not_a_plausible_value(string text, MeasurementError expected)
    {
        var (value, error) = MeasurementParser.Parse(text, Temperature);

        Assert.Null(value);
        Assert.Equal(expected, error);
    }
}

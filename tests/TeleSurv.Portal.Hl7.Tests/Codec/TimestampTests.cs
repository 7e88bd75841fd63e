namespace TeleSurv.Portal.Hl7.Tests.Codec;

public sealed class TimestampTests
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(1);

    [Theory]
    [InlineData("2025", 2025, 1, 1, 0, 0, 0, 60)]
    [InlineData("202503", 2025, 3, 1, 0, 0, 0, 60)]
    [InlineData("20250314", 2025, 3, 14, 0, 0, 0, 60)]
    [InlineData("2025031409", 2025, 3, 14, 9, 0, 0, 60)]
    [InlineData("202503140930", 2025, 3, 14, 9, 30, 0, 60)]
    [InlineData("20250314093015", 2025, 3, 14, 9, 30, 15, 60)]
    [InlineData("20250314093015+0200", 2025, 3, 14, 9, 30, 15, 120)]
    [InlineData("20250314093015-0330", 2025, 3, 14, 9, 30, 15, -210)]
    public void Reads_every_precision(string text, int year, int month, int day, int hour, int minute, int second, int offsetMinutes)
    {
        Assert.True(Hl7Timestamp.TryParse(text, Paris, out var value));
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)), value);
    }

    [Fact]
    public void Reads_fractions_of_a_second()
    {
        Assert.True(Hl7Timestamp.TryParse("20250314093015.25+0100", Paris, out var value));
        Assert.Equal(250, value.Millisecond);
    }

    [Theory]
    [InlineData("")]
    [InlineData("25")]
    [InlineData("20251314")]
    [InlineData("20250230")]
    [InlineData("2025031425")]
    [InlineData("20250314093015+01")]
    [InlineData("20250314.5")]
    [InlineData("2025-03-14")]
    public void Refuses_what_is_not_a_timestamp(string text)
    {
        Assert.False(Hl7Timestamp.TryParse(text, Paris, out _));
    }

    [Fact]
    public void Writes_to_the_second_with_the_offset()
    {
        Assert.Equal("20250314093005+0100", Hl7Timestamp.Format(new DateTimeOffset(2025, 3, 14, 9, 30, 5, Paris)));
        Assert.Equal("20250314093005-0500", Hl7Timestamp.Format(new DateTimeOffset(2025, 3, 14, 9, 30, 5, TimeSpan.FromHours(-5))));
    }
}

namespace TeleSurv.Portal.Hl7.Tests.Codec;

public sealed class PathTests
{
    private static readonly Hl7Message Message = Hl7Message.Parse(
        "MSH|^~\\&|GAM^1.2.3^ISO|CHU|TELESURV|GHT|20250314||ADT^A01^ADT_A01|42|P|2.5^FRA^2.11\r"
        + "PID|1||A^^^X&1.1&ISO^PI~B^^^Y&2.2&ISO^INS\r"
        + "OBX|1|NM|W^Poids||61\r"
        + "OBX|2|NM|T^Taille||165\r");

    [Theory]
    [InlineData("PID-3[2].4.2", "PID", 1, 3, 2, 4, 2)]
    [InlineData("OBX[2]-5", "OBX", 2, 5, 0, 0, 0)]
    [InlineData("MSH-9.2", "MSH", 1, 9, 0, 2, 0)]
    [InlineData("ZBE-7.10", "ZBE", 1, 7, 0, 10, 0)]
    [InlineData(" PV1-19 ", "PV1", 1, 19, 0, 0, 0)]
    public void Paths_are_read(string text, string segment, int occurrence, int field, int repetition, int component, int subcomponent)
    {
        var path = Hl7Path.Parse(text);

        Assert.Equal(segment, path.SegmentName);
        Assert.Equal(occurrence, path.SegmentOccurrence);
        Assert.Equal(field, path.Field);
        Assert.Equal(repetition, path.Repetition);
        Assert.Equal(component, path.Component);
        Assert.Equal(subcomponent, path.Subcomponent);
        Assert.Equal(text.Trim(), path.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("PID")]
    [InlineData("PID-")]
    [InlineData("PID-0")]
    [InlineData("pid-3")]
    [InlineData("PIDX-3")]
    [InlineData("PID-3[0]")]
    [InlineData("PID-3[2")]
    [InlineData("PID-3.")]
    [InlineData("PID-3.1.2.3")]
    [InlineData("PID-3x")]
    [InlineData("PID[0]-3")]
    [InlineData("PID-99999999999")]
    public void Bad_paths_are_refused_with_the_reason(string text)
    {
        var error = Assert.Throws<FormatException>(() => Hl7Path.Parse(text));

        Assert.Contains("is not an HL7 path such as PID-3[2].4.2", error.Message, StringComparison.Ordinal);
        Assert.False(Hl7Path.TryParse(text, out _));
    }

    [Fact]
    public void Msh_fields_are_numbered_from_the_field_separator()
    {
        Assert.Equal("|", Message.Get("MSH-1").Text);
        Assert.Equal("^~\\&", Message.Get("MSH-2").Text);
        Assert.Equal("^~\\&", Message.Get("MSH-2.1").Raw);
        Assert.Equal("GAM", Message.Get("MSH-3").Text);
        Assert.Equal("1.2.3", Message.Get("MSH-3.2").Text);
        Assert.Equal("42", Message.Get("MSH-10").Text);
        Assert.Equal("2.11", Message.Get("MSH-12.3").Text);
        Assert.Equal(12, Message[0].FieldCount);
    }

    [Fact]
    public void Values_navigate_down_from_any_level()
    {
        var ids = Message.Get("PID-3");

        Assert.Equal(2, ids.RepetitionCount);
        Assert.Equal("A", ids.Text);
        Assert.Equal("Y", ids.Repetition(2).Component(4).Subcomponent(1).Text);
        Assert.Equal("2.2", Message.Get("PID-3[2].4").Subcomponent(2).Text);
        Assert.Equal(3, Message.Get("PID-3[2].4").SubcomponentCount);
        Assert.Equal(5, Message.Get("PID-3[2]").ComponentCount);
        Assert.Equal(["A", "B"], Message.GetRepetitions("PID-3").Select(value => value.Text));
    }

    [Fact]
    public void Segment_occurrences_are_counted_by_name()
    {
        Assert.Equal("61", Message.Get("OBX-5").Text);
        Assert.Equal("165", Message.Get("OBX[2]-5").Text);
        Assert.False(Message.Get("OBX[3]-5").IsPresent);
        Assert.True(Message.TryGetSegment("OBX", 2, out var second));
        Assert.Equal("Taille", second.Get("3.2").Text);
        Assert.Equal(4, second.Sequence);
        Assert.Equal(["MSH", "PID", "OBX", "OBX"], Message.Segments.Select(segment => segment.Name));
    }

    [Fact]
    public void Text_or_null_distinguishes_missing_data()
    {
        Assert.Equal("61", Message.Get("OBX-5").TextOrNull);
        Assert.Null(Message.Get("OBX-4").TextOrNull);
        Assert.Null(Message.Get("OBX-40").TextOrNull);
    }
}

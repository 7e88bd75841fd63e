using System.Text;

namespace TeleSurv.Portal.Hl7.Tests.Codec;

public sealed class CharacterSetTests
{
    private static byte[] Message(string msh18, string name, Encoding encoding) =>
        encoding.GetBytes($"MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314||ADT^A31^ADT_A05|1|P|2.5|||||FRA|{msh18}\rPID|1||123^^^CHU^PI||{name}\r");

    private static Encoding Latin9 { get; } = CreateLatin9();

    private static Encoding CreateLatin9()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("iso-8859-15");
    }

    [Fact]
    public void Latin1_bytes_are_read_as_8859_1()
    {
        var bytes = Message("8859/1", "LEFÈVRE^Anaïs", Encoding.Latin1);

        var message = Hl7Message.Parse(bytes);

        Assert.Empty(message.Errors);
        Assert.Equal(Hl7CharacterSet.Latin1, message.CharacterSet);
        Assert.Equal("LEFÈVRE", message.Get("PID-5.1").Text);
        Assert.Equal("Anaïs", message.Get("PID-5.2").Text);
        Assert.Equal(bytes, message.ToBytes());
    }

    [Fact]
    public void Latin9_bytes_hold_the_euro_sign_and_oe()
    {
        var bytes = Message("8859/15", "LŒUVRE^Reste 12 €", Latin9);
        Assert.Contains((byte)0xA4, bytes);
        Assert.Contains((byte)0xBC, bytes);

        var message = Hl7Message.Parse(bytes);

        Assert.Empty(message.Errors);
        Assert.Equal(Hl7CharacterSet.Latin9, message.CharacterSet);
        Assert.Equal("LŒUVRE", message.Get("PID-5.1").Text);
        Assert.Equal("Reste 12 €", message.Get("PID-5.2").Text);
        Assert.Equal(bytes, message.ToBytes());
    }

    [Fact]
    public void Every_latin9_byte_decodes_as_the_platform_codec_does()
    {
        var all = Enumerable.Range(0x20, 0xE0).Select(b => (byte)b).Where(b => b is < 0x7F or >= 0xA0).ToArray();
        var header = Encoding.ASCII.GetBytes("MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5||||||8859/15\rNTE|1||");
        var escapedFree = all.Where(b => b is not ((byte)'|' or (byte)'^' or (byte)'~' or (byte)'\\' or (byte)'&')).ToArray();

        var message = Hl7Message.Parse([.. header, .. escapedFree, (byte)'\r']);

        Assert.Equal(Latin9.GetString(escapedFree), message.Get("NTE-3").Text);
        Assert.Equal(escapedFree, Hl7CharacterSets.Encode(message.Get("NTE-3").Text, Hl7CharacterSet.Latin9));
    }

    [Fact]
    public void Utf8_bytes_are_read_as_utf8()
    {
        var bytes = Message("UNICODE UTF-8", "ÇA VA^Zoë 😀 €", Encoding.UTF8);

        var message = Hl7Message.Parse(bytes);

        Assert.Empty(message.Errors);
        Assert.Equal(Hl7CharacterSet.Utf8, message.CharacterSet);
        Assert.Equal("Zoë 😀 €", message.Get("PID-5.2").Text);
        Assert.Equal(bytes, message.ToBytes());
    }

    [Fact]
    public void The_same_bytes_read_differently_under_each_declaration()
    {
        // 0xA4 is the euro sign in 8859/15 and the currency sign in 8859/1.
        var latin1 = Hl7Message.Parse(Message("8859/1", "X^\u00A4", Encoding.Latin1));
        var latin9 = Hl7Message.Parse([.. Encoding.Latin1.GetBytes("MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314||ADT^A31^ADT_A05|1|P|2.5|||||FRA|8859/15\rPID|1||123^^^CHU^PI||X^"), 0xA4, (byte)'\r']);

        Assert.Equal("\u00A4", latin1.Get("PID-5.2").Text);
        Assert.Equal("€", latin9.Get("PID-5.2").Text);
    }

    [Fact]
    public void Empty_msh18_is_ascii_and_accents_are_still_read_with_a_warning()
    {
        var message = Hl7Message.Parse(Message(string.Empty, "HÉLÈNE", Encoding.Latin1));

        Assert.Equal(Hl7CharacterSet.Ascii, message.CharacterSet);
        Assert.Equal(Hl7CharacterSet.Latin1, message.DecodedAs);
        Assert.Equal("HÉLÈNE", message.Get("PID-5").Text);
        var warning = Assert.Single(message.Errors);
        Assert.Equal(Hl7ParseErrorCode.CharacterOutsideDeclaredSet, warning.Code);
        Assert.Equal(Hl7Severity.Warning, warning.Severity);
        Assert.False(message.HasErrors);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var message = Hl7Message.Parse([0xEF, 0xBB, 0xBF, .. Message("UNICODE UTF-8", "Zoë", Encoding.UTF8)]);

        Assert.Empty(message.Errors);
        Assert.Equal("Zoë", message.Get("PID-5").Text);
    }

    [Theory]
    [InlineData(Hl7CharacterSet.Ascii, "é")]
    [InlineData(Hl7CharacterSet.Latin1, "€")]
    [InlineData(Hl7CharacterSet.Latin9, "¤")]
    [InlineData(Hl7CharacterSet.Latin9, "ł")]
    public void Writing_a_character_outside_the_declared_set_fails_loudly(Hl7CharacterSet characterSet, string text)
    {
        var builder = new Hl7MessageBuilder(characterSet);
        builder.Set("MSH-9.1", "ORU").Set("MSH-10", "1");
        builder.AddSegment("NTE").Set(3, text);

        var error = Assert.Throws<Hl7EncodingException>(builder.ToBytes);

        Assert.Contains($"U+{(int)text[0]:X4}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", Hl7CharacterSet.Ascii)]
    [InlineData("ASCII", Hl7CharacterSet.Ascii)]
    [InlineData("8859/1", Hl7CharacterSet.Latin1)]
    [InlineData("8859/15", Hl7CharacterSet.Latin9)]
    [InlineData("UNICODE UTF-8", Hl7CharacterSet.Utf8)]
    [InlineData(" unicode utf-8 ", Hl7CharacterSet.Utf8)]
    public void Table_0211_names_are_read(string msh18, Hl7CharacterSet expected)
    {
        Assert.True(Hl7CharacterSets.TryParseMsh18(msh18, out var characterSet));
        Assert.Equal(expected, characterSet);
    }

    [Fact]
    public void Msh18_is_read_from_its_first_repetition()
    {
        var message = Hl7Message.Parse(Message("8859/15~UNICODE UTF-8", "X", Encoding.ASCII));

        Assert.Equal(Hl7CharacterSet.Latin9, message.CharacterSet);
        Assert.Empty(message.Errors);
    }
}

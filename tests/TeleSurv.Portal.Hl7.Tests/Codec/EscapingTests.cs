namespace TeleSurv.Portal.Hl7.Tests.Codec;

public sealed class EscapingTests
{
    private static readonly Hl7Delimiters Default = Hl7Delimiters.Default;
    private static readonly Hl7Delimiters WithTruncation = new('|', '^', '~', '\\', '&', '#');

    [Theory]
    [InlineData("|", "\\F\\")]
    [InlineData("^", "\\S\\")]
    [InlineData("&", "\\T\\")]
    [InlineData("~", "\\R\\")]
    [InlineData("\\", "\\E\\")]
    [InlineData("\r", "\\X0D\\")]
    [InlineData("\n", "\\X0A\\")]
    [InlineData("\u0001", "\\X01\\")]
    [InlineData("a|b^c&d~e\\f", "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f")]
    [InlineData("tab\tstays", "tab\tstays")]
    [InlineData("plain text, accents é €", "plain text, accents é €")]
    [InlineData("#", "#")]
    public void Escape_writes_the_standard_sequence(string text, string expected)
    {
        Assert.Equal(expected, Hl7Escaping.Escape(text, Default));
    }

    [Fact]
    public void Truncation_character_is_escaped_only_when_declared()
    {
        Assert.Equal("abcde\\P\\", Hl7Escaping.Escape("abcde#", WithTruncation));
        Assert.Equal("abcde#", Hl7Escaping.Unescape("abcde\\P\\", WithTruncation, Hl7CharacterSet.Ascii));
        Assert.Equal("abcde\\P\\", Hl7Escaping.Unescape("abcde\\P\\", Default, Hl7CharacterSet.Ascii));
    }

    [Theory]
    [InlineData("|")]
    [InlineData("^~\\&")]
    [InlineData("line one\rline two\nline three\r\n")]
    [InlineData("\\F\\ is how a field separator is written")]
    [InlineData("C:\\temp\\x.pdf")]
    [InlineData("\u0000\u001F\u007F controls")]
    [InlineData("DUPONT|Jean|19590510|1")]
    [InlineData("Reste à charge : 12,50 € — Œuvre")]
    [InlineData("")]
    public void Every_text_survives_escape_then_unescape(string text)
    {
        foreach (var characterSet in Enum.GetValues<Hl7CharacterSet>())
        {
            var escaped = Hl7Escaping.Escape(text, WithTruncation);
            Assert.Equal(text, Hl7Escaping.Unescape(escaped, WithTruncation, characterSet));
        }
    }

    [Fact]
    public void Escaped_text_never_holds_a_separator_or_a_line_break()
    {
        var escaped = Hl7Escaping.Escape("a|b^c&d~e\\f\r\ng#", WithTruncation);

        Assert.DoesNotContain('|', escaped);
        Assert.DoesNotContain('^', escaped);
        Assert.DoesNotContain('&', escaped);
        Assert.DoesNotContain('~', escaped);
        Assert.DoesNotContain('\r', escaped);
        Assert.DoesNotContain('\n', escaped);
        Assert.DoesNotContain('#', escaped);
    }

    [Theory]
    [InlineData("\\F\\\\S\\\\T\\\\R\\\\E\\", "|^&~\\")]
    [InlineData("\\X41\\", "A")]
    [InlineData("\\X0D0A\\", "\r\n")]
    [InlineData("a\\.br\\b", "a\nb")]
    [InlineData("a\\.sp\\b", "a\nb")]
    [InlineData("a\\.sp 3\\b", "a\n\n\nb")]
    [InlineData("a\\.sk 2\\b", "a  b")]
    [InlineData("a\\.ce\\b", "a\nb")]
    [InlineData("\\.fi\\\\.nf\\\\.in 4\\\\.ti -2\\x", "x")]
    [InlineData("\\H\\bold\\N\\ normal", "bold normal")]
    [InlineData("local \\Zabc\\ kept", "local \\Zabc\\ kept")]
    [InlineData("switch \\C2842\\ kept", "switch \\C2842\\ kept")]
    [InlineData("switch \\M2442\\ kept", "switch \\M2442\\ kept")]
    [InlineData("unknown \\Q\\ kept", "unknown \\Q\\ kept")]
    [InlineData("bad hex \\XZZ\\ kept", "bad hex \\XZZ\\ kept")]
    [InlineData("open \\F and no close", "open \\F and no close")]
    [InlineData("ends with escape \\", "ends with escape \\")]
    public void Unescape_decodes_or_keeps_every_sequence_as_documented(string raw, string expected)
    {
        Assert.Equal(expected, Hl7Escaping.Unescape(raw, Default, Hl7CharacterSet.Utf8));
    }

    [Theory]
    [InlineData(Hl7CharacterSet.Utf8, "\\XC3A9\\", "é")]
    [InlineData(Hl7CharacterSet.Utf8, "\\XE282AC\\", "€")]
    [InlineData(Hl7CharacterSet.Latin1, "\\XE9\\", "é")]
    [InlineData(Hl7CharacterSet.Latin1, "\\XA4\\", "¤")]
    [InlineData(Hl7CharacterSet.Latin9, "\\XA4\\", "€")]
    [InlineData(Hl7CharacterSet.Latin9, "\\XBD\\", "œ")]
    [InlineData(Hl7CharacterSet.Ascii, "\\XC3A9\\", "é")]
    [InlineData(Hl7CharacterSet.Ascii, "\\XE9\\", "é")]
    public void Hex_escapes_are_bytes_in_the_message_character_set(Hl7CharacterSet characterSet, string raw, string expected)
    {
        Assert.Equal(expected, Hl7Escaping.Unescape(raw, Default, characterSet));
    }

    [Fact]
    public void Other_delimiters_escape_and_unescape_with_the_same_letters()
    {
        var delimiters = new Hl7Delimiters('#', '$', '*', '!', '@', null);

        var escaped = Hl7Escaping.Escape("a#b$c*d!e@f|^", delimiters);

        Assert.Equal("a!F!b!S!c!R!d!E!e!T!f|^", escaped);
        Assert.Equal("a#b$c*d!e@f|^", Hl7Escaping.Unescape(escaped, delimiters, Hl7CharacterSet.Ascii));
    }

    [Fact]
    public void Parsed_values_decode_escapes_only_after_splitting()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A|B|C|D|20250101||ADT^A01|1|P|2.5\rNTE|1||x\\S\\y^second\\T\\part~rep\\R\\two\r");

        Assert.Equal("x^y", message.Get("NTE-3.1").Text);
        Assert.Equal("second&part", message.Get("NTE-3.2").Text);
        Assert.Equal("rep~two", message.Get("NTE-3[2]").Text);
        Assert.Equal(2, message.Get("NTE-3").ComponentCount);
        Assert.Equal("x\\S\\y^second\\T\\part", message.Get("NTE-3[1]").Raw);
    }
}

using System.Text;

namespace TeleSurv.Portal.Hl7.Tests.Codec;

public sealed class BuilderTests
{
    private static Hl7MessageBuilder NewResult()
    {
        var builder = new Hl7MessageBuilder();
        builder.Set("MSH-3", "TELESURV").Set("MSH-4", "GHT").Set("MSH-7", "20250317101500")
            .Set("MSH-9.1", "ORU").Set("MSH-9.2", "R01").Set("MSH-9.3", "ORU_R01")
            .Set("MSH-10", "TLS1").Set("MSH-11", "P").Set("MSH-12", "2.5");
        return builder;
    }

    [Fact]
    public void Builds_a_result_message_with_escaped_text()
    {
        var builder = NewResult();
        builder.AddSegment("PID").Set("3.1", "1900068").Set("3.5", "PI").Set("5.1", "ROUSSEAU").Set("5.2", "Hélène");
        var obx = builder.AddSegment("OBX");
        obx.Set(1, "1").Set(2, "FT").Set("3.1", "COMMENT").Set(5, "Nausées & vomissements | 7/10 ^ pire\r\nfin").Set(11, "F");

        var text = builder.ToString();

        Assert.Equal(
            "MSH|^~\\&|TELESURV|GHT|||20250317101500||ORU^R01^ORU_R01|TLS1|P|2.5||||||UNICODE UTF-8\r"
            + "PID|||1900068^^^^PI||ROUSSEAU^Hélène\r"
            + "OBX|1|FT|COMMENT||Nausées \\T\\ vomissements \\F\\ 7/10 \\S\\ pire\\X0D\\\\X0A\\fin||||||F\r",
            text);
        var parsed = builder.Build();
        Assert.Empty(parsed.Errors);
        Assert.Equal("Nausées & vomissements | 7/10 ^ pire\r\nfin", parsed.Get("OBX-5").Text);
        Assert.Equal("Hélène", Hl7Message.Parse(builder.ToBytes()).Get("PID-5.2").Text);
        Assert.Equal(Encoding.UTF8.GetBytes(text), builder.ToBytes());
    }

    [Fact]
    public void Setting_deeper_keeps_what_was_set_above_as_the_first_part()
    {
        var builder = NewResult();
        var pid = builder.AddSegment("PID");
        pid.Set(3, "A");
        pid.Set("3.5", "PI");
        pid.Set("3[2].1", "B");
        pid.Set("3[2].4.2", "1.2.250");

        Assert.Equal("PID|||A^^^^PI~B^^^&1.2.250", pid.ToString());
    }

    [Fact]
    public void Trailing_empty_elements_are_not_written_and_null_removes()
    {
        var builder = NewResult();
        var pv1 = builder.AddSegment("PV1");
        pv1.Set(1, "1").Set(2, "V").Set("3.1", string.Empty).Set(19, "X").Set(19, null);

        Assert.Equal("PV1|1|V", pv1.ToString());
    }

    [Fact]
    public void Raw_values_keep_their_structure()
    {
        var builder = NewResult();
        builder.AddSegment("PID");
        builder.SetRaw("PID-3", "1^^^CHU&1.2&ISO^PI~\"\"^^^INS&1.2.250.1.213.1.4.8&ISO^INS");

        var message = builder.Build();

        Assert.True(message.Get("PID-3[2].1").IsNull);
        Assert.Equal("1.2.250.1.213.1.4.8", message.Get("PID-3[2].4.2").Text);
    }

    [Fact]
    public void Bad_writes_are_refused_with_a_clear_error()
    {
        var builder = NewResult();
        var pid = builder.AddSegment("PID");

        Assert.Contains("MSH-1 and MSH-2", Assert.Throws<ArgumentException>(() => builder.Set("MSH-2", "x")).Message, StringComparison.Ordinal);
        Assert.Contains("no segment ZBE[1]", Assert.Throws<ArgumentException>(() => builder.Set("ZBE-1", "x")).Message, StringComparison.Ordinal);
        Assert.Contains("segment terminator", Assert.Throws<ArgumentException>(() => pid.SetRaw("5", "a\rb")).Message, StringComparison.Ordinal);
        Assert.Contains("separator", Assert.Throws<ArgumentException>(() => pid.SetRaw("5.1", "a^b")).Message, StringComparison.Ordinal);
        Assert.Contains("not a segment name", Assert.Throws<ArgumentException>(() => builder.AddSegment("pid")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => builder.AddSegment("MSH"));
        Assert.Throws<FormatException>(() => pid.Set("x", "1"));
    }

    [Fact]
    public void Other_delimiters_are_declared_and_used()
    {
        var builder = new Hl7MessageBuilder(Hl7CharacterSet.Latin9, new Hl7Delimiters('#', '$', '*', '!', '@', null));
        builder.Set("MSH-9.1", "ADT").Set("MSH-9.2", "A01").Set("MSH-10", "1").Set("MSH-11", "P").Set("MSH-12", "2.5");
        builder.AddSegment("NTE").Set(3, "a#b|c €");

        var message = Hl7Message.Parse(builder.ToBytes());

        Assert.StartsWith("MSH#$*!@#", builder.ToString(), StringComparison.Ordinal);
        Assert.Empty(message.Errors);
        Assert.Equal('#', message.Delimiters.Field);
        Assert.Equal(Hl7CharacterSet.Latin9, message.CharacterSet);
        Assert.Equal("a#b|c €", message.Get("NTE-3").Text);
    }
}

namespace TeleSurv.Portal.Hl7.Tests.Acknowledgements;

public sealed class AckReaderTests
{
    [Fact]
    public void Reads_an_ans_style_accept()
    {
        var ack = Hl7ReceivedAck.Read("MSH|^~\\&|PFI-X|Organisation-X|SIL-Y|labo|202106060931||ACK^R01^ACK|016|P|2.5|||||FRA|UNICODE UTF-8\rMSA|AA|015\r"u8);

        Assert.True(ack.IsReadable);
        Assert.True(ack.IsAccepted);
        Assert.Equal(Hl7AckCode.AA, ack.Code);
        Assert.True(ack.Acknowledges("015"));
        Assert.Empty(ack.Errors);
        Assert.Equal(string.Empty, ack.ErrorText);
    }

    [Fact]
    public void Reads_an_ans_style_error_with_its_location()
    {
        var ack = Hl7ReceivedAck.Read("MSH|^~\\&|PFI|X|SIL|Y|20210606||ACK^R01^ACK|17|P|2.5\rMSA|AE|12345\rERR||MSH^1^12|203^ Unsupported version^messageErrorCondition| E\r"u8);

        Assert.True(ack.IsError);
        var error = Assert.Single(ack.Errors);
        Assert.Equal("203", error.ConditionCode);
        Assert.Equal(Hl7Severity.Error, error.Severity);
        Assert.Equal("MSH^1^12", error.Location);
        Assert.Equal("Unsupported version", ack.ErrorText);
    }

    [Fact]
    public void Reads_a_vendor_ack_with_its_text_in_the_alternate_identifier()
    {
        var ack = Hl7ReceivedAck.Read(
            "MSH|^~\\&|CPAGE|CHU|TLS|GHT|20250101||ACK^A03^ADT_A03|9|P|2.5^FRA^2.10|||||FRA|8859/1\rMSA|AE|332819\rERR|||207^Application internal error^HL70397^^0001 - ERREUR M26: LE DOSSIER EST ACTUELLEMENT UTILISE|E\r"u8);

        Assert.Equal("332819", ack.ControlId);
        Assert.Equal("0001 - ERREUR M26: LE DOSSIER EST ACTUELLEMENT UTILISE", ack.ErrorText);
    }

    [Fact]
    public void Reads_v23_errors_and_msa3()
    {
        var v23 = Hl7ReceivedAck.Read("MSH|^~\\&|A|B|C|D|1||ACK|9|P|2.3\rMSA|AR|77|Base fermée\rERR|PID^1^3^204&Unknown key identifier\r"u8);
        var msaOnly = Hl7ReceivedAck.Read("MSH|^~\\&|A|B|C|D|1||ACK|9|P|2.3\rMSA|AR|77|Base fermée\r"u8);

        Assert.True(v23.IsRejected);
        Assert.Equal("204", v23.Errors[0].ConditionCode);
        Assert.Equal("Unknown key identifier", v23.ErrorText);
        Assert.Equal("Base fermée", msaOnly.ErrorText);
    }

    [Theory]
    [InlineData("", "no MSH")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ACK|9|P|2.5\r", "no MSA segment")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ACK|9|P|2.5\rMSA|OK|9\r", "MSA-1 'OK'")]
    public void Unusable_acks_say_why(string text, string reason)
    {
        var ack = Hl7ReceivedAck.Read(System.Text.Encoding.ASCII.GetBytes(text));

        Assert.False(ack.IsReadable);
        Assert.False(ack.IsAccepted);
        Assert.Contains(reason.Replace("no MSH", "empty", StringComparison.Ordinal), ack.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ack_built_here_reads_back()
    {
        var original = Hl7Message.Parse("MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314||ADT^A01|C-42|P|2.5|||||FRA|8859/15\r");
        var built = new Hl7AckBuilder().Build(original, Hl7AckOutcome.Rejected,
            [new Hl7AckError(Hl7ErrorCondition.ApplicationInternalError, "Base indisponible | réessayer ^ plus tard")]);

        var read = Hl7ReceivedAck.Read(built.ToBytes());

        Assert.True(read.IsRejected);
        Assert.True(read.Acknowledges("C-42"));
        Assert.Equal("207", read.Errors[0].ConditionCode);
        Assert.Equal("Base indisponible | réessayer ^ plus tard", read.ErrorText);
    }
}

using TeleSurv.Portal.Hl7.Tests.Support;

namespace TeleSurv.Portal.Hl7.Tests.Acknowledgements;

public sealed class AckBuilderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 5, TimeSpan.FromHours(1));

    private static Hl7AckBuilder Builder() => new(new Hl7AckOptions
    {
        SendingApplication = "TELESURV",
        SendingFacility = "GHT",
        TimeProvider = new FixedTime(Now),
        ControlIdFactory = () => "ACK0001",
    });

    [Fact]
    public void Accepts_in_original_mode_with_swapped_applications()
    {
        var original = Hl7Message.Parse(TestFiles.Golden("ADT_A01.hl7"));

        var ack = Builder().Build(original, Hl7AckOutcome.Accepted);

        Assert.Equal(
            "MSH|^~\\&|TELESURV|GHT-RIVEMONT|GAM_RIVEMONT|CHU-RIVEMONT|20250314093005+0100||ACK^A01^ACK|ACK0001|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|FR\r"
            + "MSA|AA|RIV202503140001\r",
            ack.ToString());
        Assert.Empty(ack.Errors);
    }

    [Fact]
    public void Errors_become_err_segments_with_table_0357_codes_and_text()
    {
        var original = Hl7Message.Parse(TestFiles.Golden("ADT_A01.hl7"));
        var errors = new[]
        {
            new Hl7AckError(Hl7ErrorCondition.UnknownKeyIdentifier, "Patient inconnu : IPP 1900068", Hl7Severity.Error, new Hl7Location("PID", 3, 3, 1, 1), "IPP-UNKNOWN"),
            new Hl7AckError(Hl7ErrorCondition.TableValueNotFound, "UF 4012 inconnue", Hl7Severity.Warning),
        };

        var ack = Builder().Build(original, Hl7AckOutcome.Error, errors);

        Assert.Equal("MSA|AE|RIV202503140001|Patient inconnu : IPP 1900068", ack[1].Raw);
        Assert.Equal("ERR||PID^3^3^1^1|204^Unknown key identifier^HL70357|E|IPP-UNKNOWN|||Patient inconnu : IPP 1900068", ack[2].Raw);
        Assert.Equal("ERR|||103^Table value not found^HL70357|W||||UF 4012 inconnue", ack[3].Raw);
    }

    [Fact]
    public void Enhanced_mode_answers_with_commit_codes()
    {
        var original = Hl7Message.Parse("MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314||ADT^A28^ADT_A05|C1|P|2.5|||AL|NE\r");

        Assert.True(Hl7AckBuilder.IsEnhancedMode(original));
        Assert.Equal("MSA|CA|C1", Builder().Build(original, Hl7AckOutcome.Accepted)[1].Raw);
        Assert.Equal("MSA|CE|C1", Builder().Build(original, Hl7AckOutcome.Error)[1].Raw);
        Assert.Equal("MSA|CR|C1", Builder().Build(original, Hl7AckOutcome.Rejected)[1].Raw);
    }

    [Theory]
    [InlineData("", "", Hl7AckOutcome.Accepted, true)]
    [InlineData("AL", "", Hl7AckOutcome.Accepted, true)]
    [InlineData("NE", "AL", Hl7AckOutcome.Error, false)]
    [InlineData("ER", "", Hl7AckOutcome.Accepted, false)]
    [InlineData("ER", "", Hl7AckOutcome.Rejected, true)]
    [InlineData("SU", "", Hl7AckOutcome.Accepted, true)]
    [InlineData("SU", "", Hl7AckOutcome.Error, false)]
    [InlineData("", "AL", Hl7AckOutcome.Error, true)]
    public void Msh15_says_when_an_accept_acknowledgement_is_wanted(string msh15, string msh16, Hl7AckOutcome outcome, bool expected)
    {
        var original = Hl7Message.Parse($"MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314||ADT^A28|C1|P|2.5|||{msh15}|{msh16}\r");

        Assert.Equal(expected, Hl7AckBuilder.ShouldAcknowledge(original, outcome));
    }

    [Fact]
    public void Unreadable_message_gets_an_ack_signed_by_the_receiver()
    {
        var original = Hl7Message.Parse("garbage"u8);

        var ack = Builder().BuildForParse(original);

        Assert.Equal("MSH|^~\\&|TELESURV|GHT|||20250314093005+0100||ACK|ACK0001|P|2.5", ack[0].Raw);
        Assert.Equal("MSA|AR||The message does not start with an MSH segment.", ack[1].Raw);
        Assert.Equal("ERR|||100^Segment sequence error^HL70357|E|MissingHeader|||The message does not start with an MSH segment.", ack[2].Raw);
    }

    [Fact]
    public void Text_outside_the_original_character_set_loses_accents_not_the_message()
    {
        var original = Hl7Message.Parse("MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314||ADT^A31|C1|P|2.5\r");

        var ack = Builder().Build(original, Hl7AckOutcome.Rejected, [new Hl7AckError(Hl7ErrorCondition.ApplicationInternalError, "Base indisponible, réessayez — 5 €")]);

        Assert.Equal(Hl7CharacterSet.Ascii, ack.CharacterSet);
        Assert.Equal("Base indisponible, reessayez ? 5 ?", ack.Get("ERR-8").Text);
        Assert.NotEmpty(ack.ToBytes());
    }

    [Fact]
    public void Latin9_original_gets_a_latin9_ack_with_its_euro_sign()
    {
        var original = Hl7Message.Parse(TestFiles.Golden("ADT_A31.hl7"));

        var ack = Builder().Build(original, Hl7AckOutcome.Error, [new Hl7AckError(Hl7ErrorCondition.DataTypeError, "Montant 12,50 € refusé")]);

        Assert.Equal("8859/15", ack.Get("MSH-18").Text);
        var bytes = ack.ToBytes();
        Assert.Contains((byte)0xA4, bytes);
        Assert.Equal("Montant 12,50 € refusé", Hl7ReceivedAck.Read(bytes).ErrorText);
    }

    [Fact]
    public void Own_delimiters_of_the_original_are_kept()
    {
        var original = Hl7Message.Parse("MSH#$*!@#GAM$1.2#CHU#TELESURV#GHT#20250314##ADT$A01#C1#P#2.5\r");

        var ack = Builder().Build(original, Hl7AckOutcome.Accepted);

        Assert.Equal("MSH#$*!@#TELESURV#GHT#GAM$1.2#CHU#20250314093005+0100##ACK$A01$ACK#ACK0001#P#2.5", ack[0].Raw);
        Assert.Equal("MSA#AA#C1", ack[1].Raw);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("Test", now.Offset, "Test", "Test");
    }
}

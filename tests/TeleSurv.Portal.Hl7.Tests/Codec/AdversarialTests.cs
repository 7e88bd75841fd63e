using System.Text;
using TeleSurv.Portal.Hl7.Tests.Support;

namespace TeleSurv.Portal.Hl7.Tests.Codec;

/// <summary>
/// Shapes a hostile or broken sender writes: runs of hundreds of thousands of separators or escapes. Each must be read
/// in one pass (a time limit guards against a hang, the way the bad inputs are run) and refused by the field limits.
/// </summary>
public sealed class AdversarialTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private const string Header = "MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314093000||ADT^A28^ADT_A05|CTRL1|P|2.5|||||FRA|UNICODE UTF-8\r";

    [Fact]
    public void Every_repetition_of_a_field_of_three_hundred_thousand_is_read_in_one_pass()
    {
        var names = string.Join('~', Enumerable.Range(0, 300_000).Select(i => "N" + i + "^G"));
        var message = Hl7Message.Parse(Header + "PID|1||1^^^X^PI||" + names + "\r", new Hl7FieldLimits { MaxRepetitions = 1_000_000 });
        var pid = message.SegmentsNamed("PID").Single();

        var read = TimeLimit.Run(() => pid.Repetitions(5).Select(r => r.Component(1).Text).ToList(), Limit, "Reading 300,000 repetitions");

        Assert.Equal(300_000, read.Count);
        Assert.Equal(("N0", "N299999"), (read[0], read[^1]));
        Assert.Equal(read, message.GetRepetitions("PID-5").Select(r => r.Text));
    }

    [Fact]
    public void A_repetition_run_beyond_the_limit_is_an_error_naming_the_field()
    {
        var message = TimeLimit.Run(() => Hl7Message.Parse(Header + "PID|1||1^^^X^PI||" + new string('~', 65_535) + "ROUSSEAU\r"), Limit, "Parsing 65,536 repetitions");

        var error = Assert.Single(message.Errors, e => e.Code == Hl7ParseErrorCode.FieldLimitExceeded);
        Assert.Equal(new Hl7Location("PID", 2, 5), error.Location);
        Assert.Contains("PID-5 holds 65536 repetitions", error.Message, StringComparison.Ordinal);
        Assert.Equal(Hl7AckOutcome.Error, Hl7AckBuilder.OutcomeFor(message));
    }

    [Fact]
    public void Limits_are_the_receivers_choice()
    {
        var text = Header + "PID|1||1^^^X^PI||A~B~C~D\r";

        Assert.DoesNotContain(Hl7Message.Parse(text).Errors, e => e.Code == Hl7ParseErrorCode.FieldLimitExceeded);
        var error = Assert.Single(Hl7Message.Parse(text, new Hl7FieldLimits { MaxRepetitions = 3 }).Errors);
        Assert.Equal("PID-5 holds 4 repetitions; this receiver accepts at most 3.", error.Message);
        Assert.Contains("MSH-3 holds 4 components", Assert.Single(Hl7Message.Parse(Header.Replace("|GAM|", "|G^A^M^X|", StringComparison.Ordinal), new Hl7FieldLimits { MaxComponents = 3 }).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_two_hundred_thousand_unknown_escapes_is_checked_in_one_pass_and_its_warnings_capped()
    {
        var escapes = string.Concat(Enumerable.Repeat("\\Q\\", 200_000));

        var message = TimeLimit.Run(() => Hl7Message.Parse(Encoding.UTF8.GetBytes(Header + "PID|1||1^^^X^PI||" + escapes + "\r")), Limit, "Parsing 200,000 escapes");

        Assert.Equal(100, message.Errors.Count(e => e.Code == Hl7ParseErrorCode.UnknownEscapeSequence));
        Assert.False(message.HasErrors);
        Assert.Equal(600_000, TimeLimit.Run(() => message.Get("PID-5").Text.Length, Limit, "Decoding 200,000 escapes"));
    }

    [Fact]
    public void An_escape_never_closed_in_a_long_value_of_escape_characters_is_checked_in_one_pass()
    {
        var run = new string('\\', 400_001);

        var message = TimeLimit.Run(() => Hl7Message.Parse(Header + "PID|1||1^^^X^PI||" + run + "^G\r"), Limit, "Parsing 400,001 escape characters");

        Assert.True(message.IsReadable);
        Assert.Equal(run, TimeLimit.Run(() => message.Get("PID-5.1").Text, Limit, "Decoding 400,001 escape characters"));
    }
}

namespace TeleSurv.Portal.Hl7.Tests.Codec;

public sealed class ThreeStateTests
{
    private static readonly Hl7Message Message = Hl7Message.Parse(
        "MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314||ADT^A47^ADT_A30|1|P|2.5\r"
        + "PID|1||1900068^^^CHU&1.2.250.1.71.4.2.2&ISO^PI~\"\"^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO^INS||\"\"|^^|\r"
        + "PV1|1|\r");

    [Fact]
    public void Null_in_one_component_of_one_repetition_is_kept()
    {
        var ins = Message.Get("PID-3[2]");

        Assert.Equal(Hl7ValueState.Valued, ins.State);
        Assert.Equal(Hl7ValueState.Null, ins.Component(1).State);
        Assert.True(ins.Component(1).IsNull);
        Assert.Equal(string.Empty, ins.Component(1).Text);
        Assert.Equal("INS", ins.Component(5).Text);
        Assert.Equal(Hl7ValueState.Empty, ins.Component(2).State);
        Assert.Equal(Hl7ValueState.Absent, ins.Component(6).State);
        Assert.Equal(Hl7ValueState.Valued, Message.Get("PID-3[1].1").State);
    }

    [Fact]
    public void Field_states_are_absent_empty_null_or_valued()
    {
        Assert.Equal(Hl7ValueState.Valued, Message.Get("PID-1").State);
        Assert.Equal(Hl7ValueState.Empty, Message.Get("PID-2").State);
        Assert.Equal(Hl7ValueState.Empty, Message.Get("PID-4").State);
        Assert.Equal(Hl7ValueState.Null, Message.Get("PID-5").State);
        Assert.Equal(Hl7ValueState.Valued, Message.Get("PID-6").State);
        Assert.Equal(Hl7ValueState.Empty, Message.Get("PID-7").State);
        Assert.Equal(Hl7ValueState.Absent, Message.Get("PID-8").State);
        Assert.Equal(Hl7ValueState.Absent, Message.Get("PID-99").State);
        Assert.Equal(Hl7ValueState.Empty, Message.Get("PV1-2").State);
        Assert.Equal(Hl7ValueState.Absent, Message.Get("PV1-3").State);
        Assert.Equal(Hl7ValueState.Absent, Message.Get("ZBE-1").State);
    }

    [Fact]
    public void Components_and_repetitions_follow_the_separators_present()
    {
        var empties = Message.Get("PID-6");

        Assert.Equal(3, empties.ComponentCount);
        Assert.Equal(Hl7ValueState.Empty, empties.Component(3).State);
        Assert.Equal(Hl7ValueState.Absent, empties.Component(4).State);
        Assert.Equal(1, Message.Get("PID-2").RepetitionCount);
        Assert.Equal(Hl7ValueState.Empty, Message.Get("PID-2[1]").State);
        Assert.Equal(Hl7ValueState.Absent, Message.Get("PID-2[2]").State);
        Assert.Equal(Hl7ValueState.Absent, Message.Get("PID-3[3]").State);
        Assert.Equal(0, Message.Get("PID-8").RepetitionCount);
    }

    [Fact]
    public void Subcomponent_states_hold_too()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\rPID|1||1^^^\"\"&&ISO^PI\r");
        var authority = message.Get("PID-3.4");

        Assert.Equal(Hl7ValueState.Null, authority.Subcomponent(1).State);
        Assert.Equal(Hl7ValueState.Empty, authority.Subcomponent(2).State);
        Assert.Equal(Hl7ValueState.Valued, authority.Subcomponent(3).State);
        Assert.Equal(Hl7ValueState.Absent, authority.Subcomponent(4).State);
    }

    [Fact]
    public void Builder_writes_each_state_and_the_parser_reads_it_back()
    {
        var builder = new Hl7MessageBuilder(Hl7CharacterSet.Ascii);
        builder.Set("MSH-9.1", "ADT").Set("MSH-9.2", "A47").Set("MSH-10", "1").Set("MSH-11", "P").Set("MSH-12", "2.5");
        var pid = builder.AddSegment("PID");
        pid.Set("3[1].1", "1900068").Set("3[1].5", "PI");
        pid.SetNull("3[2].1").SetRaw("3[2].4", "ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO").Set("3[2].5", "INS");
        pid.SetNull("5").Set("7", string.Empty).Set("8", "F");

        var message = builder.Build();

        Assert.Equal("PID|||1900068^^^^PI~\"\"^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO^INS||\"\"|||F", message[1].Raw);
        Assert.True(message.Get("PID-3[2].1").IsNull);
        Assert.True(message.Get("PID-5").IsNull);
        Assert.Equal(Hl7ValueState.Empty, message.Get("PID-7").State);
        Assert.Equal(Hl7ValueState.Absent, message.Get("PID-9").State);
    }
}

using TeleSurv.Portal.Hl7.Tests.Support;

namespace TeleSurv.Portal.Hl7.Tests.Codec;

public sealed class GoldenMessageTests
{
    public static TheoryData<string, string, string, string, string> Messages => new()
    {
        { "ADT_A01.hl7", "ADT", "A01", "ADT_A01", "RIV202503140001" },
        { "ADT_A02.hl7", "ADT", "A02", "ADT_A02", "RIV202503140002" },
        { "ADT_A03.hl7", "ADT", "A03", "ADT_A03", "RIV202503140003" },
        { "ADT_A04.hl7", "ADT", "A04", "ADT_A01", "RIV202503140004" },
        { "ADT_A05.hl7", "ADT", "A05", "ADT_A05", "RIV202503140005" },
        { "ADT_A06.hl7", "ADT", "A06", "ADT_A06", "RIV202503140006" },
        { "ADT_A07.hl7", "ADT", "A07", "ADT_A06", "RIV202503140007" },
        { "ADT_A11.hl7", "ADT", "A11", "ADT_A09", "RIV202503140008" },
        { "ADT_A12.hl7", "ADT", "A12", "ADT_A12", "RIV202503140009" },
        { "ADT_A13.hl7", "ADT", "A13", "ADT_A01", "RIV202503140010" },
        { "ADT_A21.hl7", "ADT", "A21", "ADT_A21", "RIV202503140011" },
        { "ADT_A22.hl7", "ADT", "A22", "ADT_A21", "RIV202503140012" },
        { "ADT_A38.hl7", "ADT", "A38", "ADT_A38", "RIV202503140013" },
        { "ADT_A52.hl7", "ADT", "A52", "ADT_A52", "RIV202503140014" },
        { "ADT_A53.hl7", "ADT", "A53", "ADT_A52", "RIV202503140015" },
        { "ADT_A54.hl7", "ADT", "A54", "ADT_A54", "RIV202503140016" },
        { "ADT_A55.hl7", "ADT", "A55", "ADT_A52", "RIV202503140017" },
        { "ADT_A28.hl7", "ADT", "A28", "ADT_A05", "RIV202503140028" },
        { "ADT_A31.hl7", "ADT", "A31", "ADT_A05", "RIV202503140031" },
        { "ADT_A40.hl7", "ADT", "A40", "ADT_A39", "RIV202503140040" },
        { "ADT_A47.hl7", "ADT", "A47", "ADT_A30", "RIV202503140047" },
        { "ADT_Z99.hl7", "ADT", "Z99", "ADT_A01", "RIV202503140099" },
        { "ORU_R01.hl7", "ORU", "R01", "ORU_R01", "TLS20250317000042" },
    };

    [Fact]
    public void Every_golden_file_is_listed_here()
    {
        var listed = Messages.Select(row => (string)row[0]).Order(StringComparer.Ordinal);

        Assert.Equal(TestFiles.GoldenFileNames(), listed);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Golden_message_parses_without_problem(string file, string type, string trigger, string structure, string controlId)
    {
        var message = Hl7Message.Parse(TestFiles.Golden(file));

        Assert.Empty(message.Errors);
        Assert.Equal(type, message.MessageType);
        Assert.Equal(trigger, message.TriggerEvent);
        Assert.Equal(structure, message.MessageStructure);
        Assert.Equal(controlId, message.ControlId);
        Assert.Equal("P", message.ProcessingId);
        Assert.Equal("2.5", message.Version);
        Assert.Equal("MSH", message[0].Name);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Golden_message_is_written_back_byte_for_byte(string file, string type, string trigger, string structure, string controlId)
    {
        _ = (type, trigger, structure, controlId);
        var bytes = TestFiles.Golden(file);

        var message = Hl7Message.Parse(bytes);

        Assert.Equal(bytes, message.ToBytes());
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Line_feeds_from_a_sender_read_like_carriage_returns(string file, string type, string trigger, string structure, string controlId)
    {
        _ = (type, trigger, structure, controlId);
        var stored = TestFiles.GoldenAsStored(file);
        var crlf = System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(stored).Replace("\n", "\r\n", StringComparison.Ordinal));

        var fromCr = Hl7Message.Parse(TestFiles.Golden(file));
        var fromLf = Hl7Message.Parse(stored);
        var fromCrLf = Hl7Message.Parse(crlf);

        Assert.Equal(fromCr.ToString(), fromLf.ToString());
        Assert.Equal(fromCr.ToString(), fromCrLf.ToString());
        Assert.Equal(fromCr.SegmentCount, fromCrLf.SegmentCount);
        Assert.Empty(fromCrLf.Errors);
    }

    [Fact]
    public void Admission_reads_identities_names_and_the_movement()
    {
        var message = Hl7Message.Parse(TestFiles.Golden("ADT_A01.hl7"));

        Assert.Equal(17, message.SegmentCount);
        Assert.Equal("1900068", message.Get("PID-3[1].1").Text);
        Assert.Equal("PI", message.Get("PID-3[1].5").Text);
        Assert.Equal("1.2.250.1.71.4.2.2", message.Get("PID-3[1].4.2").Text);
        Assert.Equal("279035121518989", message.Get("PID-3[2].1").Text);
        Assert.Equal("1.2.250.1.213.1.4.10", message.Get("PID-3[2].4.2").Text);
        Assert.Equal("INS", message.Get("PID-3[2].5").Text);
        Assert.Equal(2, message.Get("PID-3").RepetitionCount);
        Assert.Equal("HÉLÈNE", message.Get("PID-5.2").Text);
        Assert.Equal("DURAND", message.Get("PID-5[2].1").Text);
        Assert.Equal("D", message.Get("PID-5[2].7").Text);
        Assert.Equal("VALI", message.Get("PID-32").Text);
        Assert.Equal("I", message.Get("PV1-2").Text);
        Assert.Equal("V25000123", message.Get("PV1-19.1").Text);
        Assert.Equal("MVT0001", message.Get("ZBE-1.1").Text);
        Assert.Equal("INSERT", message.Get("ZBE-4").Text);
        Assert.Equal("4012", message.Get("ZBE-7.10").Text);
        Assert.Equal("Oncologie médicale", message.Get("ZBE-7.1").Text);
        Assert.Equal("165", message.Get("OBX[2]-5").Text);
        Assert.Equal(2, message.SegmentsNamed("OBX").Count());
    }

    [Fact]
    public void Correction_carries_two_zbe_segments_and_the_original_trigger()
    {
        var message = Hl7Message.Parse(TestFiles.Golden("ADT_Z99.hl7"));

        var movements = message.SegmentsNamed("ZBE").ToList();

        Assert.Equal(2, movements.Count);
        Assert.All(movements, zbe => Assert.Equal("UPDATE", zbe.Get(4).Text));
        Assert.All(movements, zbe => Assert.Equal("A01", zbe.Get(6).Text));
        Assert.Equal("4015", message.Get("ZBE[2]-7.10").Text);
        Assert.Equal("Hôpital de jour oncologie", movements[1].Get("7.1").Text);
    }

    [Fact]
    public void Merge_names_the_survivor_in_pid_and_the_absorbed_patient_in_mrg()
    {
        var message = Hl7Message.Parse(TestFiles.Golden("ADT_A40.hl7"));

        Assert.Equal("1900068", message.Get("PID-3.1").Text);
        Assert.Equal("1900099", message.Get("MRG-1.1").Text);
        Assert.Equal("PI", message.Get("MRG-1.5").Text);
    }

    [Fact]
    public void Result_message_decodes_escapes_in_text_and_keeps_the_base64_document()
    {
        var message = Hl7Message.Parse(TestFiles.Golden("ORU_R01.hl7"));

        var comment = message.Get("OBX[3]-5");
        Assert.Equal("Nausées & vomissements le soir\nScore 7/10 ^ pire | que la semaine dernière", comment.Text);
        Assert.Equal("Dossier DUPONT|Jean|19590510 € important", message.Get("NTE-3").Text);
        var document = message.Get("OBX[4]-5");
        Assert.Equal("Base64", document.Component(4).Text);
        var pdf = Convert.FromBase64String(document.Component(5).Text);
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(pdf), StringComparison.Ordinal);
    }
}

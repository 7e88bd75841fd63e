using TeleSurv.Portal.Hl7.Tests.Support;

namespace TeleSurv.Portal.Hl7.Tests.Codec;

public sealed class BadInputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.EnumerateDirectories(TestFiles.BadInputsFolder).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.hl7").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Fact]
    public void Every_folder_names_a_parse_error_code()
    {
        var folders = Directory.EnumerateDirectories(TestFiles.BadInputsFolder).Select(Path.GetFileName).ToList();

        Assert.All(folders, folder => Assert.True(Enum.TryParse<Hl7ParseErrorCode>(folder, out _), $"{folder} is not an Hl7ParseErrorCode"));
        Assert.Equal(Enum.GetNames<Hl7ParseErrorCode>().Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_produces_the_error_its_folder_names(string expectedError, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestFiles.BadInputsFolder, expectedError, file));
        var expected = Enum.Parse<Hl7ParseErrorCode>(expectedError);

        var message = TimeLimit.Run(() => Hl7Message.Parse(bytes), Limit, $"Parsing {expectedError}/{file}");

        var error = Assert.Single(message.Errors, e => e.Code == expected);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        var tolerated = expected is Hl7ParseErrorCode.CharacterOutsideDeclaredSet or Hl7ParseErrorCode.UnterminatedEscapeSequence
            or Hl7ParseErrorCode.UnknownEscapeSequence or Hl7ParseErrorCode.MalformedHexEscape;
        Assert.Equal(tolerated ? Hl7Severity.Warning : Hl7Severity.Error, error.Severity);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_still_gets_an_acknowledgement(string expectedError, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestFiles.BadInputsFolder, expectedError, file));

        var ack = TimeLimit.Run(() => new Hl7AckBuilder().BuildForParse(Hl7Message.Parse(bytes)), Limit, $"Acknowledging {expectedError}/{file}");

        Assert.Empty(ack.Errors);
        var read = Hl7ReceivedAck.Read(ack.ToBytes());
        Assert.True(read.IsReadable);
        Assert.NotEmpty(read.Errors);
        Assert.Equal(Hl7AckBuilder.OutcomeFor(Hl7Message.Parse(bytes)) switch
        {
            Hl7AckOutcome.Accepted => Hl7AckCode.AA,
            Hl7AckOutcome.Error => Hl7AckCode.AE,
            _ => Hl7AckCode.AR,
        }, read.Code);
    }

    [Theory]
    [InlineData("EmptyMessage/empty.hl7", Hl7AckCode.AR, "")]
    [InlineData("MissingRequiredField/no-control-id.hl7", Hl7AckCode.AE, "")]
    [InlineData("UnsupportedVersion/v3.hl7", Hl7AckCode.AR, "CTRL1")]
    [InlineData("InvalidSegmentName/lower-case.hl7", Hl7AckCode.AE, "CTRL1")]
    [InlineData("UnknownEscapeSequence/q.hl7", Hl7AckCode.AA, "CTRL1")]
    public void Header_problems_reject_content_problems_err(string file, Hl7AckCode expected, string controlId)
    {
        var message = Hl7Message.Parse(File.ReadAllBytes(Path.Combine(TestFiles.BadInputsFolder, file)));

        var ack = Hl7ReceivedAck.Read(new Hl7AckBuilder().BuildForParse(message));

        Assert.Equal(expected, ack.Code);
        Assert.Equal(controlId, ack.ControlId);
    }

    [Fact]
    public void Every_problem_of_a_message_is_collected_with_its_position()
    {
        var message = Hl7Message.Parse(
            "MSH|^~\\&|A|B|C|D|1||ADTA01||X|3.0\rpid|1\rNTE|1||a\\Q\\b^c\\X1\\d&e\\F\r");

        Assert.Equal(
            [
                Hl7ParseErrorCode.InvalidSegmentName,
                Hl7ParseErrorCode.UnknownEscapeSequence,
                Hl7ParseErrorCode.MalformedHexEscape,
                Hl7ParseErrorCode.UnterminatedEscapeSequence,
                Hl7ParseErrorCode.InvalidMessageType,
                Hl7ParseErrorCode.MissingRequiredField,
                Hl7ParseErrorCode.InvalidProcessingId,
                Hl7ParseErrorCode.UnsupportedVersion,
            ],
            message.Errors.Select(error => error.Code));
        Assert.Equal(new Hl7Location("pid", 2), message.Errors[0].Location);
        Assert.Equal(new Hl7Location("NTE", 3, 3, 1, 1, 1), message.Errors[1].Location);
        Assert.Equal(new Hl7Location("NTE", 3, 3, 1, 2, 1), message.Errors[2].Location);
        Assert.Equal(new Hl7Location("NTE", 3, 3, 1, 2, 2), message.Errors[3].Location);
        Assert.Equal(new Hl7Location("MSH", 1, 10), message.Errors[5].Location);
        Assert.Equal("NTE[3]-3[1].2.2", message.Errors[3].Location.ToString());
    }

    [Fact]
    public void Parse_errors_map_onto_table_0357()
    {
        Assert.Equal(Hl7ErrorCondition.RequiredFieldMissing, Error(Hl7ParseErrorCode.MissingRequiredField).Condition);
        Assert.Equal(Hl7ErrorCondition.UnsupportedVersionId, Error(Hl7ParseErrorCode.UnsupportedVersion).Condition);
        Assert.Equal(Hl7ErrorCondition.UnsupportedMessageType, Error(Hl7ParseErrorCode.InvalidMessageType).Condition);
        Assert.Equal(Hl7ErrorCondition.UnsupportedProcessingId, Error(Hl7ParseErrorCode.InvalidProcessingId).Condition);
        Assert.Equal(Hl7ErrorCondition.TableValueNotFound, Error(Hl7ParseErrorCode.UnsupportedCharacterSet).Condition);
        Assert.Equal(Hl7ErrorCondition.SegmentSequenceError, Error(Hl7ParseErrorCode.InvalidSegmentName).Condition);
        Assert.Equal(Hl7ErrorCondition.DataTypeError, Error(Hl7ParseErrorCode.UnknownEscapeSequence).Condition);
        Assert.Equal(Hl7ErrorCondition.DataTypeError, Error(Hl7ParseErrorCode.InvalidCharacterEncoding).Condition);

        static Hl7ParseError Error(Hl7ParseErrorCode code) => new(code, Hl7Severity.Error, Hl7Location.None, "x");
    }
}

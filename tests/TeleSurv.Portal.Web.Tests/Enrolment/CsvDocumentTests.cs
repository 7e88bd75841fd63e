using System.Text;
using TeleSurv.Portal.Web.Components.Enrolment;

namespace TeleSurv.Portal.Web.Tests.Enrolment;

public sealed class CsvDocumentTests
{
    [Fact]
    public void Writes_utf8_with_a_bom_semicolons_and_crlf()
    {
        var bytes = CsvDocument.Write(["Nom", "Prénoms"], [["ÉLÉONORE", "Anaïs"], ["DUPONT", null]]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("Nom;Prénoms\r\nÉLÉONORE;Anaïs\r\nDUPONT;\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("dit \"oui\"", "\"dit \"\"oui\"\"\"")]
    [InlineData("deux\nlignes", "\"deux\nlignes\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+33 6", "'+33 6")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Active -> Ended", "Active -> Ended")]
    public void Quotes_what_needs_it_and_defuses_formulas(string value, string written) =>
        Assert.Equal(written, CsvDocument.Field(value));

    [Fact]
    public void A_row_must_have_as_many_fields_as_the_header() =>
        Assert.Throws<ArgumentException>(() => CsvDocument.Write(["a", "b"], [["1"]]));
}

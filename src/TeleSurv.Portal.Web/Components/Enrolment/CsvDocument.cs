using System.Text;

namespace TeleSurv.Portal.Web.Components.Enrolment;

/// <summary>
/// CSV as French Excel opens it with a double click: UTF-8 with a byte order mark (or accents come out garbled),
/// ";" between fields (the "," is the decimal separator in French), CRLF line ends, RFC 4180 quoting.
/// </summary>
public static class CsvDocument
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const char Separator = ';';

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        AppendLine(text, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"A row has {row.Count} fields; the header has {header.Count}.", nameof(rows));
            }

            AppendLine(text, row);
        }

        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    /// <summary>One field as written: quoted when needed, and defused when a spreadsheet would run it as a formula.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // A cell starting with = + - @ (or a tab or CR before one) is a formula to Excel: text from users, such as
        // a reason typed in a form, must not become one (OWASP "CSV injection").
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([Separator, '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string?> fields)
    {
        text.AppendJoin(Separator, fields.Select(Field));
        text.Append("\r\n");
    }
}

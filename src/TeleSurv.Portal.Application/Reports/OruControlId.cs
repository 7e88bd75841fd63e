using System.Security.Cryptography;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>
/// MSH-10 of an outbound message: 20 characters (the length HL7 v2.5 gives the field), the time it was made to the
/// millisecond then random letters and digits, so that no restart or second instance repeats one.
/// </summary>
public static class OruControlId
{
    // Crockford's base 32: no I, L, O or U, nothing a receiver could misread.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTime at)
    {
        Span<char> id = stackalloc char[OruOutboxMessage.ControlIdLength];
        var milliseconds = (ulong)new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

        // 9 characters of 5 bits hold 45 bits of milliseconds: good until the year 3084.
        for (var i = 8; i >= 0; i--)
        {
            id[i] = Alphabet[(int)(milliseconds & 31)];
            milliseconds >>= 5;
        }

        Span<byte> random = stackalloc byte[11];
        RandomNumberGenerator.Fill(random);
        for (var i = 9; i < id.Length; i++)
        {
            id[i] = Alphabet[random[i - 9] & 31];
        }

        return new string(id);
    }
}

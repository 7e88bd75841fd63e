using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>
/// The secret of a patient's questionnaire link: 256 random bits, base64url encoded (43 characters). Only its
/// SHA-256 is stored, so a copy of the database does not give anyone a way in.
/// </summary>
internal static class PatientLinkToken
{
    public const int RandomBytes = 32;

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>SHA-256 of the token's characters, lower-case hex: what <c>PatientAccessLink.TokenHash</c> holds.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Whether the text can be a token this portal issued; anything else is refused without a look-up.</summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? token) =>
        token is not null
        && token.Length == Base64Url.GetEncodedLength(RandomBytes)
        && Base64Url.IsValid(token, out var decodedLength)
        && decodedLength == RandomBytes;
}

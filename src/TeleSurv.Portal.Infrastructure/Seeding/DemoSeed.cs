using System.Security.Cryptography;
using System.Text;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>The fixed facts of the demo data that the README, the sign-in page and the tests rely on.</summary>
public static class DemoSeed
{
    public const string GhtName = "GHT Estuaire et Bocage";

    public const string RivemontCode = "CHRIV";

    /// <summary>The oncology unit's number at Rivemont: a number ARCEP reserves for fiction, so no one is ever called.</summary>
    public const string RivemontUnitPhone = "02 61 91 00 11";

    public const string VallombreCode = "CHVAL";

    public const string BelleriveCode = "HBEL";

    /// <summary>Claire Martin, IPA nurse at Rivemont and Vallombre.</summary>
    public const string IpaLogin = "ipa.martin";

    /// <summary>Julien Bernard, IDE nurse at Rivemont.</summary>
    public const string IdeLogin = "ide.bernard";

    /// <summary>Dr Sophie Lefèvre, oncologist at Rivemont and Vallombre.</summary>
    public const string OncologistLogin = "onco.lefevre";

    /// <summary>Nadia Roussel, administrator of the three establishments.</summary>
    public const string AdminLogin = "admin.roussel";

    /// <summary>Thomas Petit, IDE nurse at Bellerive.</summary>
    public const string BelleriveNurseLogin = "ide.petit";

    /// <summary>Dr Marc Garnier, oncologist at Bellerive.</summary>
    public const string BelleriveOncologistLogin = "onco.garnier";

    public static IReadOnlyList<string> StaffLogins { get; } =
        [IpaLogin, IdeLogin, OncologistLogin, AdminLogin, BelleriveNurseLogin, BelleriveOncologistLogin];

    /// <summary>
    /// The demo patient's personal questionnaire link token (256 bits, base64url). Only its SHA-256 is stored; it is
    /// published in the README so that anyone can answer a questionnaire as this patient in the demo.
    /// </summary>
    public const string DemoPatientToken = "jopjL9rr-wGRb64RP_uBtp8Bwf-ACAx8ROYmroU6VmM";

    /// <summary>The demo patient as clinical screens show her ("NOM Prénom").</summary>
    public const string DemoPatientName = "ROUSSEAU Hélène";

    /// <summary>The demo patient's IPP at the CHU de Rivemont.</summary>
    public const string DemoPatientIpp = "10482913";

    /// <summary>The stored form of a link token: SHA-256 of its UTF-8 bytes, lower-case hex.</summary>
    public static string HashToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}

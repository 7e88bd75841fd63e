using System.Globalization;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>Identifiers shaped like the real ones (NIR key, Luhn keys) but taken from test or fictitious ranges.</summary>
internal static class DemoIdentifiers
{
    /// <summary>
    /// A NIR-shaped INS matricule: sex, birth year and month, INSEE birthplace code, order number, and the key
    /// 97 - (13 digits mod 97). Corsican codes (2A, 2B) are never drawn, so the 13 characters are digits.
    /// </summary>
    public static string Nir(Sex sex, DateOnly birthDate, string birthplaceCode, int order)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(birthplaceCode.Length, 5, nameof(birthplaceCode));
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 999);

        var number = string.Create(CultureInfo.InvariantCulture,
            $"{(sex == Sex.Female ? 2 : 1)}{birthDate.Year % 100:00}{birthDate.Month:00}{birthplaceCode}{order:000}");
        return number + NirKey(number).ToString("00", CultureInfo.InvariantCulture);
    }

    public static int NirKey(string thirteenDigits) =>
        97 - (int)(ulong.Parse(thirteenDigits, NumberStyles.None, CultureInfo.InvariantCulture) % 97);

    /// <summary>Appends the Luhn check digit, as FINESS and RPPS numbers carry it.</summary>
    public static string WithLuhnKey(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return digits + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A number of the range ARCEP keeps for fiction: 01 99 00 xx xx (landline) or 06 39 98 xx xx (mobile).</summary>
    public static string FictitiousPhone(bool mobile, int lastFour) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(mobile ? "06 39 98" : "01 99 00")} {lastFour / 100 % 100:00} {lastFour % 100:00}");
}

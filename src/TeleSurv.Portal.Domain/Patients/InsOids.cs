namespace TeleSurv.Portal.Domain.Patients;

/// <summary>Assigning-authority OIDs of the INS (Identité Nationale de Santé).</summary>
public static class InsOids
{
    public const string Nir = "1.2.250.1.213.1.4.8";
    public const string Nia = "1.2.250.1.213.1.4.9";
    public const string TestNir = "1.2.250.1.213.1.4.10";
    public const string DemoNir = "1.2.250.1.213.1.4.11";

    public static bool IsKnown(string? oid) => oid is Nir or Nia or TestNir or DemoNir;
}

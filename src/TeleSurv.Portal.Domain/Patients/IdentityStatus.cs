namespace TeleSurv.Portal.Domain.Patients;

/// <summary>Identity status of the RNIV (référentiel national d'identitovigilance).</summary>
public enum IdentityStatus
{
    /// <summary>Provisoire: identity neither checked against a document nor retrieved from INSi.</summary>
    Provisional = 0,

    /// <summary>Récupérée: INS retrieved from INSi, no identity document checked.</summary>
    Recovered = 1,

    /// <summary>Validée: identity document checked, INS not retrieved.</summary>
    Validated = 2,

    /// <summary>Qualifiée: INS retrieved from INSi and identity document checked; only then may the INS be used.</summary>
    Qualified = 3,
}

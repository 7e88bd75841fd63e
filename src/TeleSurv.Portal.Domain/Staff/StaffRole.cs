namespace TeleSurv.Portal.Domain.Staff;

/// <summary>What a member of staff does in the portal.</summary>
public enum StaffRole
{
    /// <summary>IDE: infirmier diplômé d'État.</summary>
    Ide = 0,

    /// <summary>IPA: infirmier en pratique avancée.</summary>
    Ipa = 1,

    Oncologist = 2,

    Admin = 3,
}

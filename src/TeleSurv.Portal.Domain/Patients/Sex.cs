namespace TeleSurv.Portal.Domain.Patients;

/// <summary>Administrative sex (HL7 table 0001 as restricted by PAM France).</summary>
public enum Sex
{
    Unknown = 0,
    Female = 1,
    Male = 2,
    Other = 3,
}

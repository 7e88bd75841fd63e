namespace TeleSurv.Portal.Domain.Adt;

/// <summary>PV1-2 patient class (HL7 table 0004 as PAM France restricts it).</summary>
public enum PatientClass
{
    Unknown = 0,

    /// <summary>E: urgences.</summary>
    Emergency = 1,

    /// <summary>I: hospitalisation (complète, partielle, HAD…).</summary>
    Inpatient = 2,

    /// <summary>N: not applicable (identity-only messages).</summary>
    NotApplicable = 3,

    /// <summary>O: consultation externe.</summary>
    Outpatient = 4,

    /// <summary>R: séances (recurring).</summary>
    Recurring = 5,

    /// <summary>V: télésurveillance médicale exercée dans un cadre hospitalier.</summary>
    Virtual = 6,
}

public static class PatientClassCodes
{
    /// <summary>The class of a PV1-2 code; <see cref="PatientClass.Unknown"/> for an empty or unknown code.</summary>
    public static PatientClass Parse(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        "E" => PatientClass.Emergency,
        "I" => PatientClass.Inpatient,
        "N" => PatientClass.NotApplicable,
        "O" => PatientClass.Outpatient,
        "R" => PatientClass.Recurring,
        "V" => PatientClass.Virtual,
        _ => PatientClass.Unknown,
    };

    public static bool IsKnown(string? code) => Parse(code) != PatientClass.Unknown;
}

namespace TeleSurv.Portal.Domain.Enrollments;

/// <summary>Systemic treatment the patient is followed for.</summary>
public enum TreatmentType
{
    IvChemotherapy = 0,
    OralTherapy = 1,
    Immunotherapy = 2,
    TargetedTherapy = 3,
    HormoneTherapy = 4,
    Combined = 5,
}

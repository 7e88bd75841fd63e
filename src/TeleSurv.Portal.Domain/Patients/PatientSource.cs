namespace TeleSurv.Portal.Domain.Patients;

/// <summary>Where the portal learnt of a patient's identity.</summary>
public enum PatientSource
{
    /// <summary>Created provisionally by hand, to be reconciled when ADT brings the same IPP or INS.</summary>
    Manual = 0,

    /// <summary>Received from the patient administration system as HL7 v2 ADT (IHE PAM France).</summary>
    Adt = 1,
}

namespace TeleSurv.Portal.Web.Components;

/// <summary>Which grading a grade belongs to.</summary>
public enum GradeScale
{
    /// <summary>The PRO-CTCAE composite grade, 0-3, computed from the patient's answers.</summary>
    Composite = 0,

    /// <summary>The CTCAE v5.0 grade, 1-5, confirmed by a clinician.</summary>
    Ctcae = 1,
}

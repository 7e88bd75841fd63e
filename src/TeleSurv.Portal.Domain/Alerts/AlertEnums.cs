namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>Priority of an alert; lower values are more urgent, so the natural order is the triage order.</summary>
public enum AlertPriority
{
    Urgent = 0,
    High = 1,
    Medium = 2,
    Low = 3,
}

public enum AlertStatus
{
    /// <summary>Raised, nobody holds it.</summary>
    Open = 0,

    /// <summary>Claimed by a nurse who is working on it.</summary>
    InProgress = 1,

    /// <summary>Waiting for the oncologist's decision.</summary>
    Escalated = 2,

    Resolved = 3,
}

public enum AlertKind
{
    /// <summary>Raised by the findings of a questionnaire response.</summary>
    Response = 0,

    /// <summary>No response some days after a week's due date.</summary>
    NonResponder = 1,
}

/// <summary>The rule that produced a finding: shown to clinicians as the explanation of the alert.</summary>
public enum AlertRule
{
    /// <summary>A symptom at composite grade 3.</summary>
    SevereSymptom = 0,

    /// <summary>A symptom at grade 2 that worsened by at least one grade since the previous answered week.</summary>
    WorseningSymptom = 1,

    /// <summary>Temperature at or above the fever threshold.</summary>
    Fever = 2,

    /// <summary>Fever under cytotoxic chemotherapy: suspected febrile neutropenia.</summary>
    SuspectedFebrileNeutropenia = 3,

    /// <summary>The patient said the response needs attention today.</summary>
    PatientUrgency = 4,

    /// <summary>No response after the grace period following the due date.</summary>
    MissedQuestionnaire = 5,
}

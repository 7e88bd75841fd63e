namespace TeleSurv.Portal.Domain.Patients;

public enum ReconciliationOutcome
{
    /// <summary>The ADT identity is another person: the provisional record stays as it is.</summary>
    NoMatch = 0,

    /// <summary>Same IPP from the same assigning authority, same birth date: the same person.</summary>
    SameIpp = 1,

    /// <summary>Same INS (same OID), same birth date: the same person.</summary>
    SameIns = 2,

    /// <summary>
    /// An identifier matches but a trait contradicts it (another birth date, or another INS for the same IPP):
    /// identitovigilance decides, never the portal.
    /// </summary>
    Conflict = 3,
}

/// <summary>
/// When a patient created by hand (<see cref="PatientSource.Manual"/>, identity provisional) is the person an ADT
/// message describes, and how the record then takes the ADT identity. Only manual, unmerged records are
/// candidates; an identifier alone is not enough, the birth date must agree too; the record keeps its id, so its
/// enrolments, answers and alerts stay attached.
/// </summary>
public static class PatientReconciliation
{
    public static ReconciliationOutcome Match(Patient provisional, PatientIdentity adt)
    {
        ArgumentNullException.ThrowIfNull(provisional);
        ArgumentNullException.ThrowIfNull(adt);
        if (provisional.Source != PatientSource.Manual || provisional.MergedIntoPatientId is not null)
        {
            return ReconciliationOutcome.NoMatch;
        }

        var sameIpp = string.Equals(provisional.IppAuthority, adt.IppAuthority, StringComparison.Ordinal)
            && string.Equals(provisional.Ipp, adt.Ipp, StringComparison.Ordinal);
        var bothIns = provisional.Ins is not null && adt.Ins is not null;
        var sameIns = bothIns
            && string.Equals(provisional.Ins, adt.Ins, StringComparison.Ordinal)
            && (provisional.InsOid is null || string.Equals(provisional.InsOid, adt.InsOid, StringComparison.Ordinal));

        if (!sameIpp && !sameIns)
        {
            return ReconciliationOutcome.NoMatch;
        }

        if (provisional.BirthDate != adt.BirthDate || (sameIpp && bothIns && !sameIns))
        {
            return ReconciliationOutcome.Conflict;
        }

        return sameIpp ? ReconciliationOutcome.SameIpp : ReconciliationOutcome.SameIns;
    }

    /// <summary>The one candidate the ADT identity reconciles with, if exactly one matches without conflict.</summary>
    /// <returns>The outcome (<see cref="ReconciliationOutcome.Conflict"/> also when two records match) and the record.</returns>
    public static (ReconciliationOutcome Outcome, Patient? Patient) FindMatch(IEnumerable<Patient> candidates, PatientIdentity adt)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var matches = candidates
            .Select(p => (Outcome: Match(p, adt), Patient: p))
            .Where(m => m.Outcome != ReconciliationOutcome.NoMatch)
            .ToList();
        return matches switch
        {
            [] => (ReconciliationOutcome.NoMatch, null),
            [var one] => (one.Outcome, one.Outcome == ReconciliationOutcome.Conflict ? null : one.Patient),
            _ => (ReconciliationOutcome.Conflict, null),
        };
    }
}

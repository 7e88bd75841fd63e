using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>What applying an event did: the journal status, a summary, warnings, and audit entries to write once committed.</summary>
internal sealed record AdtApplied(AdtMessageStatus Status, string Summary, IReadOnlyList<AdtIssue> Warnings, IReadOnlyList<AuditRecord> Audit);

/// <summary>
/// Applies one ADT event (IHE PAM France) inside the caller's transaction: identity (A28, A31, A40, A47) and movements
/// (ITI-31 with ZBE). A content problem throws <see cref="AdtContentException"/>; the caller then rolls back.
/// Patients and movements are read through <paramref name="lookup"/>, so that messages applied together in one unit
/// of work see one another's effects; nothing is saved here, except by a merge (<see cref="ChangesRowsDirectly"/>).
/// </summary>
internal sealed class AdtEventApplier(
    IPortalDbContext db, AdtLookup lookup, AdtEstablishmentDirectory establishments, AdtMessageJournal journal, AdtInboundMessage message, DateTime now, bool pamFrance)
{
    private readonly AdtChanges _changes = new();
    private readonly List<AuditRecord> _audit = [];

    /// <summary>A patient created by this message: if the message is rejected, the journal must not point to it.</summary>
    public bool CreatedPatient { get; private set; }

    /// <summary>
    /// A merge (A40) saves the survivor and moves rows in the database itself, behind the change tracker: what the unit
    /// of work holds is then out of date, and the message must be saved on its own.
    /// </summary>
    public static bool ChangesRowsDirectly(AdtEvent adt, bool pamFrance) => PamFranceEvents.KindOf(adt.Trigger, pamFrance) == PamEventKind.Merge;

    public async Task<AdtApplied> ApplyAsync(AdtEvent adt, CancellationToken cancellationToken)
    {
        switch (PamFranceEvents.KindOf(adt.Trigger, pamFrance))
        {
            case PamEventKind.IdentityUpdate:
                var (patient, created) = await UpsertPatientAsync(adt.Patient, updateExisting: true, cancellationToken);
                return Applied($"{adt.Trigger}: patient {(created ? "created" : "updated")} ({_changes.Describe()}).", patient);
            case PamEventKind.Merge:
                return await MergeAsync(adt, cancellationToken);
            case PamEventKind.IdentifierChange:
                return await ChangeIdentifiersAsync(adt, cancellationToken);
            case PamEventKind.Movement:
                return await ApplyMovementAsync(adt, cancellationToken);
            default:
                var why = adt.Trigger == "A08"
                    ? "A08 is excluded by IHE PAM France (identity updates come as A31): acknowledged and ignored."
                    : $"{adt.Trigger} is not an event of IHE PAM France that the portal applies: acknowledged and ignored.";
                await NoteIppAsync(adt.Patient, cancellationToken);
                return new AdtApplied(AdtMessageStatus.Ignored, why, [], []);
        }
    }

    private AdtApplied Applied(string summary, Patient? patient)
    {
        if (patient is not null)
        {
            journal.PatientId = patient.Id;
        }

        return new AdtApplied(AdtMessageStatus.Applied, summary, _changes.Warnings, _audit);
    }

    private async Task<(Patient Patient, bool Created)> UpsertPatientAsync(AdtPatientIdentity identity, bool updateExisting, CancellationToken cancellationToken)
    {
        var (ipp, authority) = await ResolveIppAsync(identity.Identifiers, "PID^1^3", cancellationToken);
        var adt = ReconciliationIdentity(ipp, authority, identity);

        // The patient holding the IPP and the patients entered by hand that may be the same person.
        var (patient, manualWithIns) = await lookup.PatientsAsync(ipp, authority, adt?.Ins, cancellationToken);
        var candidates = manualWithIns;
        if (patient is { Source: PatientSource.Manual, MergedIntoPatientId: null } && !candidates.Contains(patient))
        {
            candidates = [patient, .. candidates];
        }

        var identifier = AdtIdentityRules.FindIpp(identity.Identifiers)!;
        if ((patient is null || patient.Source == PatientSource.Manual)
            && adt is not null
            && Reconcile(ipp, authority, identity, adt, candidates) is { } reconciled)
        {
            AdtIdentityRules.ApplyAuthority(reconciled, identifier, _changes);
            return (reconciled, false);
        }

        if (patient is null)
        {
            patient = AdtIdentityRules.Create(ipp, authority, identity, now, _changes);
            AdtIdentityRules.ApplyAuthority(patient, identifier, _changes);
            db.Patients.Add(patient);
            lookup.Added(patient);
            CreatedPatient = true;
            return (patient, true);
        }

        // A movement does not update the identity; it only gives the authority's HD to a patient that has none yet.
        if (updateExisting || patient.IppAuthorityUniversalId is null)
        {
            AdtIdentityRules.ApplyAuthority(patient, identifier, _changes);
        }

        if (updateExisting)
        {
            AdtIdentityRules.Apply(patient, identity, _changes);
            patient.UpdatedAt = now;
        }

        return (patient, false);
    }

    /// <summary>The identity PID gives, as <see cref="PatientReconciliation"/> compares it; null without a name and a birth date.</summary>
    private PatientIdentity? ReconciliationIdentity(string ipp, string authority, AdtPatientIdentity identity)
    {
        Patient draft;
        try
        {
            draft = AdtIdentityRules.Create(ipp, authority, identity, now, new AdtChanges());
        }
        catch (AdtContentException)
        {
            // Without a name and a birth date there is nothing to compare a provisional record with.
            return null;
        }

        return new PatientIdentity
        {
            Ipp = ipp,
            IppAuthority = authority,
            Ins = draft.Ins,
            InsOid = draft.InsOid,
            IdentityStatus = draft.IdentityStatus,
            BirthFamilyName = draft.BirthFamilyName,
            UsedFamilyName = draft.UsedFamilyName,
            FirstNames = draft.FirstNames,
            UsedFirstName = draft.UsedFirstName,
            BirthDate = draft.BirthDate,
            Sex = draft.Sex,
            BirthplaceCode = draft.BirthplaceCode,
        };
    }

    /// <summary>
    /// A patient entered by hand before the hospital sent the identity becomes the ADT patient when
    /// <see cref="PatientReconciliation"/> says it is the same person (same IPP or same INS, same birth date): the
    /// record keeps its id, so its enrolments stay attached. A contradiction is for identitovigilance to settle:
    /// the message waits in the error queue.
    /// </summary>
    private Patient? Reconcile(string ipp, string authority, AdtPatientIdentity identity, PatientIdentity adt, List<Patient> candidates)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        var (outcome, match) = PatientReconciliation.FindMatch(candidates, adt);
        if (outcome == ReconciliationOutcome.Conflict)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.DuplicateKeyIdentifier,
                "PID-3 matches a patient entered by hand (same IPP or INS) whose birth date or INS differs: identitovigilance decides "
                + "which is right; correct the provisional record, then reprocess this message.", "PID^1^3"));
        }

        if (match is null)
        {
            return null;
        }

        var provisionalIpp = match.Ipp;
        match.ReconcileWith(adt, now);
        AdtIdentityRules.Apply(match, identity, _changes);
        _changes.Changed($"reconciled with the patient entered by hand ({outcome})");
        _audit.Add(new AuditRecord
        {
            Action = "adt.reconcile",
            Outcome = AuditOutcome.Success,
            Actor = InterfaceActor,
            EstablishmentId = journal.EstablishmentId,
            TargetType = "Patient",
            TargetId = match.Id.ToString(),
            PatientId = match.Id,
            Detail = $"{message.TriggerEvent} (message {message.ControlId}): provisional IPP {provisionalIpp} took the identity of IPP {ipp} ({authority}), {outcome}.",
        });
        return match;
    }

    private Task<Patient?> FindAsync(string ipp, string authority, CancellationToken cancellationToken) =>
        lookup.PatientAsync(ipp, authority, cancellationToken);

    /// <summary>
    /// The IPP and its authority: CX-4.1 when it names an establishment's code, the establishment's code when CX-4.2
    /// is its FINESS, else CX-4.1 or CX-4.2 as sent. Records the IPP and establishment on the journal row.
    /// </summary>
    private async Task<(string Ipp, string Authority)> ResolveIppAsync(IReadOnlyList<AdtIdentifier> identifiers, string location, CancellationToken cancellationToken)
    {
        var identifier = AdtIdentityRules.FindIpp(identifiers)
            ?? throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, $"{Field(location)} must hold the patient's IPP (identifier type PI).", location));
        var ipp = AdtIdentityRules.Limit(identifier.Value!.Trim(), 64, location)!;
        var (resolved, establishment) = await establishments.ResolveAuthorityAsync(db, identifier, cancellationToken);
        var authority = AdtIdentityRules.Limit(
            resolved ?? throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, $"The IPP of {Field(location)} has no assigning authority (CX-4).", location)),
            64,
            location)!;
        if (location.StartsWith("PID", StringComparison.Ordinal))
        {
            journal.Ipp = ipp;
            journal.EstablishmentId = establishment?.Id;
        }

        return (ipp, authority);
    }

    private async Task NoteIppAsync(AdtPatientIdentity identity, CancellationToken cancellationToken)
    {
        if (AdtIdentityRules.FindIpp(identity.Identifiers) is not null)
        {
            try
            {
                _ = await ResolveIppAsync(identity.Identifiers, "PID^1^3", cancellationToken);
            }
            catch (AdtContentException)
            {
                // An ignored message needs no authority; the IPP is only noted for the journal search.
            }
        }
    }

    /// <summary>
    /// A40: the MRG-1 patient is absorbed into the PID-3 one. Enrollments, responses, alerts, their acts and reports,
    /// and movements move to the survivor; the absorbed identity stays, marked as merged; both are audited.
    /// </summary>
    private async Task<AdtApplied> MergeAsync(AdtEvent adt, CancellationToken cancellationToken)
    {
        if (AdtIdentityRules.FindIpp(adt.PriorIdentifiers) is null)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, "A40 needs MRG-1 with the IPP of the patient to absorb (identifier type PI).", "MRG^1^1"));
        }

        var (sourceIpp, sourceAuthority) = await ResolveIppAsync(adt.PriorIdentifiers, "MRG^1^1", cancellationToken);
        var (survivor, _) = await UpsertPatientAsync(adt.Patient, updateExisting: true, cancellationToken);
        if (survivor.Ipp == sourceIpp && survivor.IppAuthority == sourceAuthority)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.DuplicateKeyIdentifier, "A40 names the same IPP in PID-3 and MRG-1: there is nothing to merge.", "MRG^1^1"));
        }

        var source = await FindAsync(sourceIpp, sourceAuthority, cancellationToken);
        if (source is null)
        {
            return Applied($"A40: IPP {sourceIpp} ({sourceAuthority}) is unknown to the portal, nothing to move; survivor IPP {survivor.Ipp} {_changes.Describe()}.", survivor);
        }

        if (source.MergedIntoPatientId is not null)
        {
            return Applied($"A40: IPP {sourceIpp} ({sourceAuthority}) was already merged; nothing left to move.", survivor);
        }

        // The survivor may be new: it must exist before rows point to it.
        await db.SaveChangesAsync(cancellationToken);
        var moved = await MoveRecordsAsync(source.Id, survivor.Id, cancellationToken);
        source.MergedIntoPatientId = survivor.Id;
        source.UpdatedAt = now;

        var detail = $"A40 (message {message.ControlId}): IPP {sourceIpp} ({sourceAuthority}) merged into IPP {survivor.Ipp} ({survivor.IppAuthority}); moved {moved}.";
        _audit.Add(MergeAudit(survivor.Id, source.Id, journal.EstablishmentId, detail));
        _audit.Add(MergeAudit(source.Id, survivor.Id, journal.EstablishmentId, detail));
        return Applied(detail, survivor);
    }

    private async Task<string> MoveRecordsAsync(Guid from, Guid to, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid();
        var enrollments = await db.Enrollments.Where(e => e.PatientId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.PatientId, to).SetProperty(e => e.Version, version), cancellationToken);
        var responses = await db.QuestionnaireResponses.Where(r => r.PatientId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PatientId, to), cancellationToken);
        var alerts = await db.Alerts.Where(a => a.PatientId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PatientId, to).SetProperty(a => a.Version, version), cancellationToken);
        var actions = await db.TriageActions.Where(t => t.PatientId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.PatientId, to), cancellationToken);
        var reports = await db.AlertReports.Where(r => r.PatientId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PatientId, to), cancellationToken);
        var movements = await db.AdtMovements.Where(m => m.PatientId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.PatientId, to), cancellationToken);

        // Identities merged earlier into the absorbed one now point to the survivor.
        await db.Patients.Where(p => p.MergedIntoPatientId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoPatientId, to), cancellationToken);
        return $"{enrollments} enrollment(s), {responses} response(s), {alerts} alert(s), {actions} triage act(s), {reports} report(s), {movements} movement(s)";
    }

    private AuditRecord MergeAudit(Guid patientId, Guid otherId, Guid? establishmentId, string detail) => new()
    {
        Action = "adt.merge",
        Outcome = AuditOutcome.Success,
        Actor = InterfaceActor,
        EstablishmentId = establishmentId,
        TargetType = "Patient",
        TargetId = otherId.ToString(),
        PatientId = patientId,
        Detail = detail,
    };

    private string InterfaceActor => $"ADT {message.SendingApplication}/{message.SendingFacility}";

    /// <summary>
    /// A47: MRG-1 holds the obsolete identifiers, PID-3 the new ones. An IPP change renames the patient's IPP (never
    /// onto an IPP another patient holds: that is a merge, A40); otherwise the INS and PID-32 of PID-3 apply,
    /// including the INS deletion by <c>""</c>.
    /// </summary>
    private async Task<AdtApplied> ChangeIdentifiersAsync(AdtEvent adt, CancellationToken cancellationToken)
    {
        if (adt.PriorIdentifiers.Count == 0)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, "A47 needs MRG-1 with the identifiers that change.", "MRG^1^1"));
        }

        var (ipp, authority) = await ResolveIppAsync(adt.Patient.Identifiers, "PID^1^3", cancellationToken);
        Patient? patient;
        if (AdtIdentityRules.FindIpp(adt.PriorIdentifiers) is not null)
        {
            var (oldIpp, oldAuthority) = await ResolveIppAsync(adt.PriorIdentifiers, "MRG^1^1", cancellationToken);
            if (oldIpp != ipp || oldAuthority != authority)
            {
                return await ChangeIppAsync(adt, oldIpp, oldAuthority, ipp, authority, cancellationToken);
            }
        }

        patient = await FindAsync(ipp, authority, cancellationToken)
            ?? throw new AdtContentException(AdtIssue.Error(AdtIssue.UnknownKeyIdentifier, $"A47: no patient has IPP {ipp} ({authority}).", "PID^1^3"));
        AdtIdentityRules.ApplyAuthority(patient, AdtIdentityRules.FindIpp(adt.Patient.Identifiers)!, _changes);
        AdtIdentityRules.ApplyIns(patient, adt.Patient, _changes);
        AdtIdentityRules.ApplyStatus(patient, adt.Patient, _changes);

        patient.UpdatedAt = now;
        return Applied($"A47: IPP {ipp} ({_changes.Describe()}).", patient);
    }

    private async Task<AdtApplied> ChangeIppAsync(AdtEvent adt, string oldIpp, string oldAuthority, string ipp, string authority, CancellationToken cancellationToken)
    {
        var holder = await FindAsync(ipp, authority, cancellationToken);
        var patient = await FindAsync(oldIpp, oldAuthority, cancellationToken);
        if (patient is null)
        {
            if (holder is not null)
            {
                return Applied($"A47: IPP {oldIpp} is already IPP {ipp}; nothing to change.", holder);
            }

            throw new AdtContentException(AdtIssue.Error(AdtIssue.UnknownKeyIdentifier, $"A47: no patient has IPP {oldIpp} ({oldAuthority}).", "MRG^1^1"));
        }

        if (holder is not null)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.DuplicateKeyIdentifier,
                $"A47: IPP {ipp} ({authority}) already belongs to another patient; two patients become one with A40, not A47.", "PID^1^3"));
        }

        patient.Ipp = ipp;
        patient.IppAuthority = authority;
        patient.UpdatedAt = now;
        _changes.Changed($"IPP {oldIpp} became {ipp}");
        AdtIdentityRules.ApplyAuthority(patient, AdtIdentityRules.FindIpp(adt.Patient.Identifiers)!, _changes, otherDomain: oldAuthority != authority);
        AdtIdentityRules.ApplyIns(patient, adt.Patient, _changes);
        _audit.Add(new AuditRecord
        {
            Action = "adt.identifier.change",
            Outcome = AuditOutcome.Success,
            Actor = InterfaceActor,
            EstablishmentId = journal.EstablishmentId,
            TargetType = "Patient",
            TargetId = patient.Id.ToString(),
            PatientId = patient.Id,
            Detail = $"A47 (message {message.ControlId}): IPP {oldIpp} ({oldAuthority}) became {ipp} ({authority}).",
        });
        return Applied($"A47: {_changes.Describe()}.", patient);
    }

    /// <summary>
    /// ITI-31: ZBE-4 INSERT records the movement ZBE-1 names (a resent insert of the same movement changes nothing),
    /// UPDATE (Z99 only) corrects it, CANCEL cancels it; ZBE-6 must name the event that created it.
    /// </summary>
    private async Task<AdtApplied> ApplyMovementAsync(AdtEvent adt, CancellationToken cancellationToken)
    {
        var notice = adt.Movement
            ?? throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, $"{adt.Trigger} needs a ZBE segment (IHE PAM France, ITI-31).", "ZBE"));
        if (string.IsNullOrWhiteSpace(notice.MovementId))
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, "ZBE-1 must identify the movement.", "ZBE^1^1"));
        }

        if (notice.Action is not { } action)
        {
            throw new AdtContentException(AdtIssue.Error(notice.ActionCode is null ? AdtIssue.RequiredFieldMissing : AdtIssue.TableValueNotFound,
                $"ZBE-4 must be INSERT, UPDATE or CANCEL{(notice.ActionCode is null ? "" : $", not {notice.ActionCode}")}.", "ZBE^1^4"));
        }

        var original = AdtIdentityRules.Blank(notice.OriginalTrigger)?.ToUpperInvariant();
        if (PamFranceEvents.CheckAction(adt.Trigger, action, original) is { } problem)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.TableValueNotFound, problem, action == MovementAction.Insert ? "ZBE^1^4" : "ZBE^1^6"));
        }

        var movementId = AdtIdentityRules.Limit(notice.MovementId.Trim(), 64, "ZBE^1^1")!;
        var movementAuthority = AdtIdentityRules.Limit(notice.MovementAuthority.Trim(), 64, "ZBE^1^1")!;
        var (patient, created) = await UpsertPatientAsync(adt.Patient, updateExisting: false, cancellationToken);
        var movement = await lookup.MovementAsync(movementId, movementAuthority, cancellationToken);
        var who = created ? $"patient created from PID, movement {movementId}" : $"movement {movementId}";

        if (action == MovementAction.Insert)
        {
            if (movement is not null)
            {
                if (movement.Trigger == adt.Trigger && movement.PatientId == ResolveMerged(patient))
                {
                    return Applied($"{adt.Trigger}: {who} was already recorded; nothing changed.", patient);
                }

                throw new AdtContentException(AdtIssue.Error(AdtIssue.DuplicateKeyIdentifier,
                    $"ZBE-1 {movementId} already identifies another movement ({movement.Trigger}); a movement identifier is never reused.", "ZBE^1^1"));
            }

            var at = notice.At
                ?? throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, "ZBE-2 must give the date and time of the movement.", "ZBE^1^2"));
            movement = new AdtMovement
            {
                PatientId = ResolveMerged(patient),
                MovementId = movementId,
                MovementAuthority = movementAuthority,
                Trigger = adt.Trigger,
                RecordedAt = now,
                UpdatedAt = now,
                LastMessageId = journal.Id,
            };
            Describe(movement, notice, at);
            db.AdtMovements.Add(movement);
            lookup.Added(movement);
            if (patient.MergedIntoPatientId is not null)
            {
                _changes.Warn(AdtIssue.Warning(AdtIssue.UnknownKeyIdentifier, "The IPP of PID-3 was merged into another patient (A40): the movement is recorded on the survivor.", "PID^1^3"));
            }

            return Applied($"{adt.Trigger}: {who} recorded ({movement.PatientClass}, {movement.At:yyyy-MM-dd HH:mm} UTC).", patient);
        }

        if (movement is null)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.UnknownKeyIdentifier, $"ZBE-1 {movementId}: no such movement to {(action == MovementAction.Update ? "update" : "cancel")}.", "ZBE^1^1"));
        }

        if (movement.Trigger != original)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.TableValueNotFound,
                $"ZBE-6 is {original}, but movement {movementId} was notified by {movement.Trigger}.", "ZBE^1^6"));
        }

        if (action == MovementAction.Cancel)
        {
            var cancelled = movement.Cancel(adt.Trigger, now, journal.Id);
            return Applied(cancelled ? $"{adt.Trigger}: movement {movementId} ({movement.Trigger}) cancelled." : $"{adt.Trigger}: movement {movementId} was already cancelled.", patient);
        }

        if (movement.Status == MovementStatus.Cancelled)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.UnknownKeyIdentifier, $"Movement {movementId} is cancelled and cannot be updated (Z99).", "ZBE^1^1"));
        }

        Describe(movement, notice, notice.At ?? movement.At);
        movement.Revisions++;
        movement.UpdatedAt = now;
        movement.LastMessageId = journal.Id;
        return Applied($"Z99: movement {movementId} ({movement.Trigger}) updated.", patient);
    }

    private static Guid ResolveMerged(Patient patient) => patient.MergedIntoPatientId ?? patient.Id;

    private static void Describe(AdtMovement movement, AdtMovementNotice notice, DateTime at)
    {
        movement.At = at;
        movement.Historic = notice.Historic;
        movement.Nature = AdtIdentityRules.Limit(AdtIdentityRules.Blank(notice.Nature), 8, "ZBE^1^9");
        movement.PatientClass = PatientClassCodes.Parse(notice.PatientClassCode);
        movement.VisitNumber = AdtIdentityRules.Limit(AdtIdentityRules.Blank(notice.VisitNumber), 64, "PV1^1^19");
        movement.LodgingUnit = AdtIdentityRules.Limit(AdtIdentityRules.Blank(notice.LodgingUnit), 64, "PV1^1^3");
        movement.MedicalUnitCode = AdtIdentityRules.Limit(AdtIdentityRules.Blank(notice.MedicalUnit?.Code), 64, "ZBE^1^7");
        movement.MedicalUnitName = AdtIdentityRules.Limit(AdtIdentityRules.Blank(notice.MedicalUnit?.Name), 100, "ZBE^1^7");
        movement.CareUnitCode = AdtIdentityRules.Limit(AdtIdentityRules.Blank(notice.CareUnit?.Code), 64, "ZBE^1^8");
        movement.CareUnitName = AdtIdentityRules.Limit(AdtIdentityRules.Blank(notice.CareUnit?.Name), 100, "ZBE^1^8");
    }

    private static string Field(string location) => location.Replace("^1^", "-", StringComparison.Ordinal);
}

using System.Numerics;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// The journal rows, patients and movements inbound ADT reads, through one unit of work. Each lookup answers from the
/// rows this unit of work holds, with their current values: those it read and those its messages created or changed,
/// saved or not. So messages applied together see one another's effects before anything is saved.
/// </summary>
/// <remarks>
/// A row is read from the database once per key (an IPP and its authority, an INS, a movement id and its authority, a
/// control id and its sender), and <see cref="PrefetchAsync"/> reads the keys of a whole batch in three queries. The answer stays right whatever was
/// read beforehand: a row changed in this unit of work is held, so its current values decide; a row not held has
/// the values the database gives, read for the key asked. <see cref="Forget"/> goes with clearing the change tracker.
/// </remarks>
internal sealed class AdtLookup(IPortalDbContext db, AdtEstablishmentDirectory establishments)
{
    private readonly HashSet<(string Authority, string Ipp)> _ipps = [];
    private readonly HashSet<string> _ins = new(StringComparer.Ordinal);
    private readonly HashSet<(string Authority, string Id)> _movementIds = [];
    private readonly HashSet<(string Application, string Facility, string ControlId)> _controlIds = [];
    private readonly HashSet<Patient> _patients = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<AdtMovement> _movements = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<AdtMessageJournal> _journal = new(ReferenceEqualityComparer.Instance);

    /// <summary>Reads at once what the <paramref name="messages"/> will look up: their journal rows, patients (IPP of PID-3 and MRG-1, INS of PID-3) and movements.</summary>
    public async Task PrefetchAsync(IReadOnlyList<AdtInboundMessage> messages, CancellationToken cancellationToken)
    {
        var controlIds = new HashSet<(string Application, string Facility, string ControlId)>();
        var ipps = new HashSet<(string Authority, string Ipp)>();
        var ins = new HashSet<string>(StringComparer.Ordinal);
        var movementIds = new HashSet<(string Authority, string Id)>();
        foreach (var message in messages)
        {
            if (message.ControlId is { } controlId && !_controlIds.Contains((message.SendingApplication, message.SendingFacility, controlId)))
            {
                controlIds.Add((message.SendingApplication, message.SendingFacility, controlId));
            }

            if (message.Event is not { } adt)
            {
                continue;
            }

            foreach (var identifiers in new[] { adt.Patient.Identifiers, adt.PriorIdentifiers })
            {
                if (AdtIdentityRules.FindIpp(identifiers) is { } identifier
                    && (await establishments.ResolveAuthorityAsync(db, identifier, cancellationToken)).Authority is { } authority
                    && !_ipps.Contains((authority, identifier.Value!.Trim())))
                {
                    ipps.Add((authority, identifier.Value.Trim()));
                }
            }

            foreach (var identifier in adt.Patient.Identifiers.Where(i => i.IsIns && !string.IsNullOrWhiteSpace(i.Value)))
            {
                var value = AdtIdentityRules.InsValue(identifier);
                if (!_ins.Contains(value))
                {
                    ins.Add(value);
                }
            }

            if (adt.Movement is { } movement && movement.MovementId.Trim() is { Length: > 0 } movementId
                && !_movementIds.Contains((movement.MovementAuthority.Trim(), movementId)))
            {
                movementIds.Add((movement.MovementAuthority.Trim(), movementId));
            }
        }

        if (controlIds.Count > 0)
        {
            await ReadJournalAsync(controlIds, cancellationToken);
        }

        if (ipps.Count > 0 || ins.Count > 0)
        {
            await ReadPatientsAsync(ipps, ins, cancellationToken);
        }

        if (movementIds.Count > 0)
        {
            await ReadMovementsAsync(movementIds, cancellationToken);
        }
    }

    /// <summary>The journal row of an earlier copy of the message (same MSH-3, MSH-4, MSH-10), if any.</summary>
    public async Task<AdtMessageJournal?> JournalAsync(string sendingApplication, string sendingFacility, string controlId, CancellationToken cancellationToken)
    {
        if (!_controlIds.Contains((sendingApplication, sendingFacility, controlId)))
        {
            await ReadJournalAsync([(sendingApplication, sendingFacility, controlId)], cancellationToken);
        }

        return _journal.FirstOrDefault(j => j.ControlId == controlId && j.SendingFacility == sendingFacility && j.SendingApplication == sendingApplication);
    }

    /// <summary>The patient holding the IPP, if any.</summary>
    public async Task<Patient?> PatientAsync(string ipp, string authority, CancellationToken cancellationToken)
    {
        if (!_ipps.Contains((authority, ipp)))
        {
            await ReadPatientsAsync([(authority, ipp)], [], cancellationToken);
        }

        return _patients.FirstOrDefault(p => p.Ipp == ipp && p.IppAuthority == authority);
    }

    /// <summary>The patient holding the IPP, and the patients entered by hand (not merged) with the INS.</summary>
    public async Task<(Patient? Holder, List<Patient> ManualWithIns)> PatientsAsync(string ipp, string authority, string? ins, CancellationToken cancellationToken)
    {
        HashSet<(string, string)> ipps = _ipps.Contains((authority, ipp)) ? [] : [(authority, ipp)];
        HashSet<string> insValues = ins is null || _ins.Contains(ins) ? [] : [ins];
        if (ipps.Count > 0 || insValues.Count > 0)
        {
            await ReadPatientsAsync(ipps, insValues, cancellationToken);
        }

        var holder = _patients.FirstOrDefault(p => p.Ipp == ipp && p.IppAuthority == authority);
        var manual = ins is null
            ? []
            : _patients.Where(p => p.Ins == ins && p.Source == PatientSource.Manual && p.MergedIntoPatientId == null).ToList();
        return (holder, manual);
    }

    /// <summary>The movement ZBE-1 identifies, if any.</summary>
    public async Task<AdtMovement?> MovementAsync(string movementId, string authority, CancellationToken cancellationToken)
    {
        if (!_movementIds.Contains((authority, movementId)))
        {
            await ReadMovementsAsync([(authority, movementId)], cancellationToken);
        }

        return _movements.FirstOrDefault(m => m.MovementId == movementId && m.MovementAuthority == authority);
    }

    /// <summary>A patient this unit of work adds.</summary>
    public void Added(Patient patient) => _patients.Add(patient);

    /// <summary>A movement this unit of work adds.</summary>
    public void Added(AdtMovement movement) => _movements.Add(movement);

    /// <summary>A journal row this unit of work adds.</summary>
    public void Added(AdtMessageJournal row) => _journal.Add(row);

    /// <summary>Forgets everything: the change tracker was cleared, or rows were changed behind it.</summary>
    public void Forget()
    {
        _ipps.Clear();
        _ins.Clear();
        _movementIds.Clear();
        _controlIds.Clear();
        _patients.Clear();
        _movements.Clear();
        _journal.Clear();
    }

    // Each read is a union of index seeks, one per key, by equality on every column of the key's index: so the
    // server's plan stays a seek per key whatever the table held when the statement was prepared (an IN list or an
    // array would let a plan made on a nearly empty table read the whole index). The number of seeks is rounded up to
    // a power of two by repeating the last key, so that the statements stay few and are prepared once.

    private const int SeeksPerQuery = 8;

    private async Task ReadJournalAsync(HashSet<(string Application, string Facility, string ControlId)> keys, CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(SeeksPerQuery))
        {
            _journal.UnionWith(await Seeks(chunk, k => db.AdtMessages.Where(j =>
                j.SendingApplication == k.Application && j.SendingFacility == k.Facility && j.ControlId == k.ControlId))
                .ToListAsync(cancellationToken));
        }

        _controlIds.UnionWith(keys);
    }

    /// <summary>Patients by IPP and authority, and patients entered by hand (not merged) by INS.</summary>
    private async Task ReadPatientsAsync(HashSet<(string Authority, string Ipp)> keys, HashSet<string> ins, CancellationToken cancellationToken)
    {
        var ipps = keys.Chunk(SeeksPerQuery).ToList();
        var insValues = ins.Chunk(SeeksPerQuery).ToList();
        for (var i = 0; i < Math.Max(ipps.Count, insValues.Count); i++)
        {
            var byIpp = Seeks(i < ipps.Count ? ipps[i] : [(Authority: string.Empty, Ipp: string.Empty)], k => db.Patients.Where(p => p.IppAuthority == k.Authority && p.Ipp == k.Ipp));
            var byIns = Seeks(i < insValues.Count ? insValues[i] : [string.Empty], k => db.Patients.Where(p =>
                p.Ins == k && p.Source == PatientSource.Manual && p.MergedIntoPatientId == null));
            _patients.UnionWith(await byIpp.Concat(byIns).ToListAsync(cancellationToken));
        }

        _ipps.UnionWith(keys);
        _ins.UnionWith(ins);
    }

    private async Task ReadMovementsAsync(HashSet<(string Authority, string Id)> keys, CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(SeeksPerQuery))
        {
            _movements.UnionWith(await Seeks(chunk, k => db.AdtMovements.Where(m =>
                m.MovementAuthority == k.Authority && m.MovementId == k.Id))
                .ToListAsync(cancellationToken));
        }

        _movementIds.UnionWith(keys);
    }

    /// <summary>
    /// The union of one seek per key, the last key's repeated up to the next power of two (at most
    /// <see cref="SeeksPerQuery"/>): a few statement shapes, each prepared once.
    /// </summary>
    private static IQueryable<T> Seeks<T, TKey>(TKey[] keys, Func<TKey, IQueryable<T>> seek)
    {
        var width = (int)BitOperations.RoundUpToPowerOf2((uint)keys.Length);
        var query = seek(keys[0]);
        for (var i = 1; i < width; i++)
        {
            query = query.Concat(seek(keys[Math.Min(i, keys.Length - 1)]));
        }

        return query;
    }
}

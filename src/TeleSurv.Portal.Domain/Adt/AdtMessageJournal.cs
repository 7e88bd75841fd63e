namespace TeleSurv.Portal.Domain.Adt;

/// <summary>What became of a received ADT message.</summary>
public enum AdtMessageStatus
{
    /// <summary>Its effects are committed with it; acknowledged AA.</summary>
    Applied = 0,

    /// <summary>Understood and deliberately not applied (unknown trigger event, A08 on a PAM France feed); acknowledged AA.</summary>
    Ignored = 1,

    /// <summary>Its content cannot be applied (AE): in the error queue until an admin reprocesses or dismisses it.</summary>
    Rejected = 2,

    /// <summary>Not applied for a reason unrelated to its content (AR): the sender resends it; in the error queue meanwhile.</summary>
    Failed = 3,

    /// <summary>Taken out of the error queue by an admin without being applied.</summary>
    Dismissed = 4,
}

/// <summary>
/// One received ADT message, stored raw in the same transaction as its effects, with the acknowledgement that was
/// returned: a duplicate (same MSH-3, MSH-4, MSH-10) gets that acknowledgement again and is not applied twice.
/// </summary>
public sealed class AdtMessageJournal : Entity
{
    /// <summary>MSH-3, as received (empty when absent).</summary>
    public required string SendingApplication { get; init; }

    /// <summary>MSH-4, as received (empty when absent).</summary>
    public required string SendingFacility { get; init; }

    /// <summary>MSH-10; null when the message carried none (it cannot then be recognised as a duplicate).</summary>
    public string? ControlId { get; init; }

    /// <summary>MSH-9.1, e.g. ADT.</summary>
    public required string MessageType { get; init; }

    /// <summary>MSH-9.2, e.g. A01.</summary>
    public required string TriggerEvent { get; init; }

    public DateTime ReceivedAt { get; init; }

    /// <summary>When it was last applied, rejected or reprocessed.</summary>
    public DateTime ProcessedAt { get; set; }

    /// <summary>How many times it was processed: sends that failed (AR) and reprocessing add to it.</summary>
    public int Attempts { get; set; } = 1;

    public AdtMessageStatus Status { get; set; }

    /// <summary>MSA-1 of the stored acknowledgement: AA, AE or AR.</summary>
    public required string AckCode { get; set; }

    /// <summary>The acknowledgement returned, as sent (ER7, segments ended by CR).</summary>
    public required string Ack { get; set; }

    /// <summary>
    /// The message as received (ER7, segments ended by CR); only its beginning when the error queue already holds
    /// its sender's share for the hour (see <c>AdtOptions.ErrorQueueKeptPerSenderPerHour</c>).
    /// </summary>
    public required string Raw { get; set; }

    /// <summary>IPP of PID-3 (the survivor's for a merge), so that the journal can be searched by patient.</summary>
    public string? Ipp { get; set; }

    /// <summary>The portal patient the message was applied to, when there is one.</summary>
    public Guid? PatientId { get; set; }

    /// <summary>Establishment whose code or FINESS is the IPP's assigning authority; null when none matches.</summary>
    public Guid? EstablishmentId { get; set; }

    /// <summary>What applying it did, in plain words (no names: identifiers only).</summary>
    public string? Summary { get; set; }

    /// <summary>Why it was rejected or failed: the first error, as the ERR segment states it.</summary>
    public string? Error { get; set; }

    /// <summary>Code of HL7 table 0357 of <see cref="Error"/> (e.g. 101 required field missing, 207 internal error).</summary>
    public int? ErrorCode { get; set; }

    /// <summary>Who reprocessed or dismissed it from the error queue, last.</summary>
    public string? HandledBy { get; set; }

    public bool IsInErrorQueue => Status is AdtMessageStatus.Rejected or AdtMessageStatus.Failed;
}

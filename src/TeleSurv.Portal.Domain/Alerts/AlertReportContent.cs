using System.Text.Json;
using System.Text.Json.Serialization;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>
/// What a report says, as data: a snapshot taken when the version was written, so that later changes of identity,
/// staff names or wording never alter a report already given.
/// </summary>
public sealed record AlertReportContent
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public required int VersionNumber { get; init; }

    public required DateTime WrittenAt { get; init; }

    public required ReportPatient Patient { get; init; }

    public required ReportEstablishment Establishment { get; init; }

    public required ReportAlert Alert { get; init; }

    /// <summary>The findings that raised the alert, most urgent first.</summary>
    public required IReadOnlyList<ReportFinding> Findings { get; init; }

    /// <summary>Every graded item of the response (not only those that alerted), in questionnaire order.</summary>
    public required IReadOnlyList<ReportSymptom> Symptoms { get; init; }

    /// <summary>Every action on the alert, in time order.</summary>
    public required IReadOnlyList<ReportAction> Actions { get; init; }

    /// <summary>Advice and supportive-care suggestions given to the patient, in time order.</summary>
    public required IReadOnlyList<ReportAdvice> Advice { get; init; }

    public required string Outcome { get; init; }

    public required DateTime ResolvedAt { get; init; }

    public required ReportProfessional ResolvedBy { get; init; }

    /// <summary>Everyone who acted on the alert, in order of first action.</summary>
    public required IReadOnlyList<ReportProfessional> Professionals { get; init; }

    /// <summary>What the correction that wrote this version added; null for version 1.</summary>
    public string? Correction { get; init; }

    /// <summary>Why the report is withdrawn, for the version that withdraws it; null otherwise.</summary>
    public string? Withdrawal { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <exception cref="JsonException">The text is not a report content.</exception>
    public static AlertReportContent FromJson(string json) =>
        JsonSerializer.Deserialize<AlertReportContent>(json, JsonOptions)
            ?? throw new JsonException("A report content cannot be null.");
}

/// <summary>The patient's identity when the report was written. The INS is kept only when the identity is qualified.</summary>
/// <param name="UsedFamilyName">The used name (nom utilisé), when the patient has one; absent from reports written before it was kept.</param>
/// <param name="IppAuthorityUniversalId">The IPP's assigning authority as the hospital's ADT sent it (HD-1, HD-2, HD-3); absent when no ADT message gave one, and from reports written before it was kept.</param>
public sealed record ReportPatient(
    Guid PatientId,
    string DisplayName,
    string BirthFamilyName,
    string FirstNames,
    DateOnly BirthDate,
    Sex Sex,
    string Ipp,
    string IppAuthority,
    string? Ins,
    string? InsOid,
    IdentityStatus IdentityStatus,
    string? UsedFamilyName = null,
    string? UsedFirstName = null,
    string? IppAuthorityNamespaceId = null,
    string? IppAuthorityUniversalId = null,
    string? IppAuthorityUniversalIdType = null);

public sealed record ReportEstablishment(Guid EstablishmentId, string Name, string Finess, string Code);

/// <param name="SubmittedAt">When the response that raised the alert arrived; null for a missed week.</param>
public sealed record ReportAlert(
    Guid AlertId,
    AlertKind Kind,
    AlertPriority Priority,
    DateTime RaisedAt,
    DateTime SlaDueAt,
    DateOnly WeekDueDate,
    Guid? ResponseId,
    DateTime? SubmittedAt,
    decimal? TemperatureCelsius,
    string? PatientComment,
    string RulesVersion,
    string? GradingTableVersion);

/// <param name="ConfirmedCtcaeGrade">The latest CTCAE grade a clinician confirmed for the finding's item.</param>
public sealed record ReportFinding(
    AlertRule Rule,
    string? ItemKey,
    string? ItemLabel,
    int? Grade,
    int? PreviousGrade,
    decimal? Value,
    AlertPriority Priority,
    int? ConfirmedCtcaeGrade,
    string Explanation);

/// <summary>One graded item of the response: raw scores, composite grade and any confirmed CTCAE grade.</summary>
public sealed record ReportSymptom(
    string ItemKey,
    string ItemLabel,
    string? CtcaeTerm,
    int? Frequency,
    int? Severity,
    int? Interference,
    bool? Present,
    int? CompositeGrade,
    int? ConfirmedCtcaeGrade);

public sealed record ReportAction(
    Guid ActionId,
    TriageActionKind Kind,
    DateTime At,
    Guid StaffMemberId,
    string StaffName,
    StaffRole StaffRole,
    string Summary,
    string? Note,
    string? Details);

public sealed record ReportAdvice(DateTime At, string StaffName, string Text);

/// <param name="Rpps">RPPS number, when the professional has one.</param>
public sealed record ReportProfessional(Guid StaffMemberId, string Name, StaffRole Role, string? Rpps);

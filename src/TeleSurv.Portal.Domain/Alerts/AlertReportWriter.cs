using System.Globalization;
using System.Text;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>Everything a report version is written from.</summary>
public sealed class AlertReportSource
{
    /// <summary>The alert, already resolved.</summary>
    public required Alert Alert { get; init; }

    public required Patient Patient { get; init; }

    public required Establishment Establishment { get; init; }

    /// <summary>The response that raised the alert; null for a missed week.</summary>
    public QuestionnaireResponse? Response { get; init; }

    /// <summary>Every action on the alert, including the one that writes this version.</summary>
    public required IReadOnlyList<TriageAction> Actions { get; init; }

    /// <summary>The professionals who acted, by id (for their RPPS numbers); one missing is reported without RPPS.</summary>
    public required IReadOnlyDictionary<Guid, StaffMember> Staff { get; init; }

    /// <summary>The resolution or the correction that writes this version.</summary>
    public required TriageAction WrittenBy { get; init; }

    public required int VersionNumber { get; init; }

    /// <summary>Zone of the times in the text (the patients' calendar days).</summary>
    public required TimeZoneInfo TimeZone { get; init; }
}

/// <summary>Writes a version of the report of a resolved alert: its content as data and its French text.</summary>
public static class AlertReportWriter
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <exception cref="InvalidOperationException">The alert is not resolved, or no resolution action is given.</exception>
    public static AlertReport Write(AlertReportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var content = Describe(source);
        return new AlertReport
        {
            AlertId = source.Alert.Id,
            PatientId = source.Alert.PatientId,
            EstablishmentId = source.Alert.EstablishmentId,
            VersionNumber = source.VersionNumber,
            CreatedAt = source.WrittenBy.At,
            CreatedById = source.WrittenBy.StaffMemberId,
            CreatedByName = source.WrittenBy.StaffName,
            CreatedByRole = source.WrittenBy.StaffRole,
            CorrectionNote = content.Correction,
            WithdrawalReason = content.Withdrawal,
            Content = content.ToJson(),
            Text = Render(content, source.TimeZone),
        };
    }

    /// <summary>The content of the version, as data.</summary>
    public static AlertReportContent Describe(AlertReportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(source.VersionNumber, 1);
        var alert = source.Alert;
        if (alert.Status != AlertStatus.Resolved || alert.ResolvedAt is not { } resolvedAt)
        {
            throw new InvalidOperationException("A report is written for a resolved alert only.");
        }

        var actions = source.Actions.InOrder().ToList();
        var resolution = actions.LastOrDefault(a => a.Kind == TriageActionKind.Resolution)
            ?? throw new InvalidOperationException("A resolved alert has a resolution action.");

        var confirmed = actions
            .Where(a => a.Kind == TriageActionKind.GradeConfirmed)
            .Select(a => TriageActionDetails.Read<GradeConfirmationDetails>(a))
            .OfType<GradeConfirmationDetails>()
            .GroupBy(d => d.ItemKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().CtcaeGrade, StringComparer.Ordinal);
        var answers = source.Response?.Answers.ToDictionary(a => a.ItemKey, StringComparer.Ordinal)
            ?? new Dictionary<string, ItemAnswer>(StringComparer.Ordinal);

        var professionals = actions
            .DistinctBy(a => a.StaffMemberId)
            .Select(a => Professional(a, source.Staff))
            .ToList();

        return new AlertReportContent
        {
            VersionNumber = source.VersionNumber,
            WrittenAt = source.WrittenBy.At,
            Patient = Patient(source.Patient),
            Establishment = new ReportEstablishment(source.Establishment.Id, source.Establishment.Name, source.Establishment.Finess, source.Establishment.Code),
            Alert = new ReportAlert(
                alert.Id, alert.Kind, alert.Priority, alert.RaisedAt, alert.SlaDueAt, alert.WeekDueDate, alert.ResponseId,
                source.Response?.SubmittedAt, source.Response?.TemperatureCelsius, source.Response?.Comment, alert.RulesVersion,
                source.Response?.GradingTableVersion),
            Findings = [.. AlertReason.InPriorityOrder(alert.Findings).Select(f => new ReportFinding(
                f.Rule,
                f.ItemKey,
                f.ItemKey is null ? null : FindingExplanation.ItemLabel(f.ItemKey).Fr,
                f.Grade,
                f.PreviousGrade,
                f.Value,
                f.Priority,
                f.ItemKey is not null && confirmed.TryGetValue(f.ItemKey, out var grade) ? grade : null,
                FindingExplanation.Explain(f, f.ItemKey is null ? null : answers.GetValueOrDefault(f.ItemKey), alert.WeekDueDate).Fr))],
            Symptoms = [.. (source.Response?.Answers ?? []).OrderBy(a => FindingExplanation.QuestionnaireOrder(a.ItemKey)).Select(a => new ReportSymptom(
                a.ItemKey,
                FindingExplanation.ItemLabel(a.ItemKey).Fr,
                CtcaeTerm(a.ItemKey),
                a.Frequency,
                a.Severity,
                a.Interference,
                a.Present,
                a.CompositeGrade,
                confirmed.TryGetValue(a.ItemKey, out var grade) ? grade : null))],
            Actions = [.. actions.Select(a => new ReportAction(
                a.Id, a.Kind, a.At, a.StaffMemberId, a.StaffName, a.StaffRole,
                TriageActionText.Describe(a.Kind, a.Details, source.TimeZone).Fr, a.Note, a.Details))],
            Advice = [.. actions
                .Where(a => a.Kind is TriageActionKind.Advice or TriageActionKind.MedicationSuggested && a.Note is not null)
                .Select(a => new ReportAdvice(a.At, a.StaffName, AdviceText(a)))],
            Outcome = TriageActionDetails.Read<ResolutionDetails>(resolution)?.Outcome ?? resolution.Note ?? string.Empty,
            ResolvedAt = resolvedAt,
            ResolvedBy = Professional(resolution, source.Staff),
            Professionals = professionals,
            Correction = source.WrittenBy.Kind == TriageActionKind.Correction ? source.WrittenBy.Note : null,
            Withdrawal = source.WrittenBy.Kind == TriageActionKind.Withdrawal ? source.WrittenBy.Note ?? string.Empty : null,
        };
    }

    /// <summary>The French plain text of a report: what a clinician reads and what the ORU message carries as text.</summary>
    public static string Render(AlertReportContent content, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(timeZone);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        string At(DateTime utc) => string.Create(French, $"{Local(utc, timeZone):dd/MM/yyyy} à {Local(utc, timeZone):HH:mm}");

        Line(content.VersionNumber == 1
            ? "COMPTE RENDU DE TÉLÉSURVEILLANCE MÉDICALE"
            : content.Withdrawal is not null
                ? string.Create(French, $"COMPTE RENDU DE TÉLÉSURVEILLANCE MÉDICALE RETIRÉ — version {content.VersionNumber}, retire la version {content.VersionNumber - 1}")
                : string.Create(French, $"COMPTE RENDU DE TÉLÉSURVEILLANCE MÉDICALE — version {content.VersionNumber}, corrige la version {content.VersionNumber - 1}"));
        Line($"Établissement : {content.Establishment.Name} (FINESS {content.Establishment.Finess})");

        var patient = content.Patient;
        var born = patient.Sex == Sex.Male ? "né" : patient.Sex == Sex.Female ? "née" : "né(e)";
        var identity = string.Create(French, $"Patient : {patient.DisplayName}, {born} le {patient.BirthDate:dd/MM/yyyy}, IPP {patient.Ipp} ({patient.IppAuthority})");
        Line(patient.Ins is null ? identity : $"{identity}, INS {patient.Ins} (identité qualifiée)");
        Line(string.Empty);

        var alert = content.Alert;
        Line($"Alerte du {At(alert.RaisedAt)}, priorité {PriorityName(alert.Priority)}");
        if (content.Findings.Count > 0)
        {
            // The finding that made the priority, first: the others follow under "Constats".
            var others = content.Findings.Count - 1;
            Line(others == 0
                ? $"Motif : {content.Findings[0].Explanation}"
                : string.Create(French, $"Motif : {content.Findings[0].Explanation} (+{others} autre{(others > 1 ? "s" : "")} constat{(others > 1 ? "s" : "")})"));
        }

        Line(alert.SubmittedAt is { } submitted
            ? string.Create(French, $"Questionnaire de la semaine du {alert.WeekDueDate:dd/MM/yyyy}, reçu le {At(submitted)}")
            : string.Create(French, $"Questionnaire de la semaine du {alert.WeekDueDate:dd/MM/yyyy} : pas de réponse"));
        if (alert.TemperatureCelsius is { } temperature)
        {
            Line(string.Create(French, $"Température déclarée : {temperature:0.0} °C"));
        }

        if (alert.PatientComment is { } comment)
        {
            Line($"Commentaire du patient : « {comment} »");
        }

        Line(string.Empty);
        Line("Constats");
        foreach (var finding in content.Findings)
        {
            Line(finding.ConfirmedCtcaeGrade is { } confirmed
                ? string.Create(French, $"- {finding.Explanation} ; grade CTCAE confirmé : {confirmed} ({CtcaeGrades.Get(confirmed).Name.Fr.ToLowerInvariant()})")
                : $"- {finding.Explanation}");
        }

        Line(string.Empty);
        Line("Actions");
        foreach (var action in content.Actions)
        {
            var line = $"- {At(action.At)}, {action.StaffName} ({TriageActionText.RoleName(action.StaffRole).Fr}) : {action.Summary}";
            Line(action.Note is null ? line : $"{line}. « {action.Note} »");
        }

        if (content.Advice.Count > 0)
        {
            Line(string.Empty);
            Line("Conseils donnés");
            foreach (var advice in content.Advice)
            {
                Line($"- {advice.Text} ({advice.StaffName}, {At(advice.At)})");
            }
        }

        Line(string.Empty);
        Line($"Conclusion le {At(content.ResolvedAt)} par {content.ResolvedBy.Name} ({TriageActionText.RoleName(content.ResolvedBy.Role).Fr}) : {content.Outcome}");
        if (content.Correction is { } correction)
        {
            Line(string.Create(French, $"Complément (version {content.VersionNumber}) : {correction}"));
        }

        if (content.Withdrawal is { } reason)
        {
            Line(string.Create(French, $"Compte rendu retiré le {At(content.WrittenAt)} (version {content.VersionNumber}) : {reason}"));
        }

        Line(string.Empty);
        Line("Professionnels intervenus");
        foreach (var professional in content.Professionals)
        {
            var line = $"- {professional.Name}, {TriageActionText.RoleName(professional.Role).Fr}";
            Line(professional.Rpps is null ? line : $"{line}, RPPS {professional.Rpps}");
        }

        Line(string.Empty);
        Line($"Compte rendu établi le {At(content.WrittenAt)}.");
        return text.ToString();
    }

    internal static ReportPatient Patient(Patient patient) => new(
        patient.Id,
        patient.DisplayName,
        patient.BirthFamilyName,
        patient.FirstNames,
        patient.BirthDate,
        patient.Sex,
        patient.Ipp,
        patient.IppAuthority,
        patient.HasQualifiedIns ? patient.Ins : null,
        patient.HasQualifiedIns ? patient.InsOid : null,
        patient.IdentityStatus,
        patient.UsedFamilyName,
        patient.UsedFirstName,
        patient.IppAuthorityNamespaceId,
        patient.IppAuthorityUniversalId,
        patient.IppAuthorityUniversalIdType);

    private static ReportProfessional Professional(TriageAction action, IReadOnlyDictionary<Guid, StaffMember> staff) =>
        new(action.StaffMemberId, action.StaffName, action.StaffRole, staff.GetValueOrDefault(action.StaffMemberId)?.Rpps);

    private static string AdviceText(TriageAction action) =>
        action.Kind == TriageActionKind.MedicationSuggested && TriageActionDetails.Read<MedicationSuggestionDetails>(action) is { } drug
            ? $"{drug.DrugName} : {action.Note}"
            : action.Note!;

    internal static string? CtcaeTerm(string itemKey) =>
        QuestionnaireCatalog.All.Select(q => q.Definition.FindItem(itemKey)).LastOrDefault(i => i is not null)?.CtcaeTerm;

    private static string PriorityName(AlertPriority priority) => priority switch
    {
        AlertPriority.Urgent => "urgente",
        AlertPriority.High => "élevée",
        AlertPriority.Medium => "moyenne",
        AlertPriority.Low => "basse",
        _ => priority.ToString(),
    };

    private static DateTime Local(DateTime utc, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);
}

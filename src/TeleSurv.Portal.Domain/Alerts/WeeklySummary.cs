using System.Globalization;
using System.Text;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>
/// What the weekly summary of an enrollment says about one scheduled week, whether or not it raised an alert: the
/// patient's graded symptoms and temperature, or that no answer came before the window closed. Sent to the EAI
/// with the structure of a report (ORU^R01), without any professional's act.
/// </summary>
/// <param name="SubmittedAt">When the response arrived; null when the week went unanswered.</param>
public sealed record WeeklySummaryContent(
    Guid EnrollmentId,
    DateOnly WeekDueDate,
    DateTime WindowClosesAt,
    ReportPatient Patient,
    ReportEstablishment Establishment,
    DateTime? SubmittedAt,
    decimal? TemperatureCelsius,
    string? PatientComment,
    IReadOnlyList<ReportSymptom> Symptoms,
    string Text)
{
    public bool Answered => SubmittedAt is not null;
}

/// <summary>Writes the weekly summary of a scheduled week: its content as data and its French text.</summary>
public static class WeeklySummaryWriter
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <param name="response">The week's response; null when it went unanswered.</param>
    /// <param name="timeZone">Zone of the dates and times in the text (the patients' calendar days).</param>
    public static WeeklySummaryContent Write(
        Enrollment enrollment, ScheduledWeek week, Patient patient, Establishment establishment, QuestionnaireResponse? response, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(establishment);
        ArgumentNullException.ThrowIfNull(timeZone);
        if (response is not null && (response.EnrollmentId != enrollment.Id || response.WeekDueDate != week.DueDate))
        {
            throw new ArgumentException("The response belongs to another enrollment or week.", nameof(response));
        }

        var symptoms = (response?.Answers ?? []).OrderBy(a => FindingExplanation.QuestionnaireOrder(a.ItemKey)).Select(a => new ReportSymptom(
            a.ItemKey, FindingExplanation.ItemLabel(a.ItemKey).Fr, AlertReportWriter.CtcaeTerm(a.ItemKey), a.Frequency, a.Severity, a.Interference,
            a.Present, a.CompositeGrade, null)).ToList();
        var content = new WeeklySummaryContent(
            enrollment.Id,
            week.DueDate,
            week.ClosesAt,
            AlertReportWriter.Patient(patient),
            new ReportEstablishment(establishment.Id, establishment.Name, establishment.Finess, establishment.Code),
            response?.SubmittedAt,
            response?.TemperatureCelsius,
            response?.Comment,
            symptoms,
            string.Empty);
        return content with { Text = Render(content, timeZone) };
    }

    private static string Render(WeeklySummaryContent content, TimeZoneInfo timeZone)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        string At(DateTime utc)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);
            return string.Create(French, $"{local:dd/MM/yyyy} à {local:HH:mm}");
        }

        Line("SYNTHÈSE HEBDOMADAIRE DE TÉLÉSURVEILLANCE MÉDICALE");
        Line($"Établissement : {content.Establishment.Name} (FINESS {content.Establishment.Finess})");
        var patient = content.Patient;
        Line(string.Create(French, $"Patient : {patient.DisplayName}, né(e) le {patient.BirthDate:dd/MM/yyyy}, IPP {patient.Ipp} ({patient.IppAuthority})"));
        Line(string.Empty);
        if (content.SubmittedAt is not { } submitted)
        {
            Line(string.Create(French, $"Questionnaire de la semaine du {content.WeekDueDate:dd/MM/yyyy} : pas de réponse à la clôture, le {At(content.WindowClosesAt)}."));
            return text.ToString();
        }

        Line(string.Create(French, $"Questionnaire de la semaine du {content.WeekDueDate:dd/MM/yyyy}, reçu le {At(submitted)}"));
        if (content.TemperatureCelsius is { } temperature)
        {
            Line(string.Create(French, $"Température déclarée : {temperature:0.0} °C"));
        }

        if (content.PatientComment is { } comment)
        {
            Line($"Commentaire du patient : « {comment} »");
        }

        Line(string.Empty);
        Line("Symptômes (grade composite PRO-CTCAE, 0 à 3)");
        foreach (var symptom in content.Symptoms.Where(s => s.CompositeGrade is not null))
        {
            Line(string.Create(French, $"- {symptom.ItemLabel} : grade {symptom.CompositeGrade} ({FindingExplanation.CompositeGradeName(symptom.CompositeGrade!.Value).Fr.ToLowerInvariant()})"));
        }

        return text.ToString();
    }
}

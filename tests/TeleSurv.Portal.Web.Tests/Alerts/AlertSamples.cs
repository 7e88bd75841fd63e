using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Web.Tests.Alerts;

/// <summary>An alert as the alert page receives it: a nurse's urgent alert about nausea, in progress.</summary>
internal static class AlertSamples
{
    public static readonly Guid EstablishmentId = Guid.CreateVersion7();

    public static AlertFindingView Nausea { get; } = new(
        AlertRule.SevereSymptom, new("Symptôme sévère", "Severe symptom"), "nausea", new("Nausées", "Nausea"), 3, 1, null,
        AlertPriority.High, new ItemAnswerView(3, 3, null, null, 3), null,
        new("Grade 3 (sévère) : Nausées, grade 1 la semaine précédente", "Grade 3 (severe): Nausea, grade 1 the week before"));

    public static AlertFindingView Fever { get; } = new(
        AlertRule.SuspectedFebrileNeutropenia, new("Suspicion de neutropénie fébrile", "Suspected febrile neutropenia"), null, null, null, null,
        38.6m, AlertPriority.Urgent, null, null,
        new("Suspicion de neutropénie fébrile : 38,6 °C sous chimiothérapie", "Suspected febrile neutropenia: 38.6 °C on chemotherapy"));

    public static AlertDetail Detail(AlertStatus status = AlertStatus.InProgress, Guid? version = null, IReadOnlyList<AlertFindingView>? findings = null) => new()
    {
        AlertId = Guid.CreateVersion7(),
        Version = version ?? Guid.CreateVersion7(),
        Kind = AlertKind.Response,
        Priority = AlertPriority.Urgent,
        Status = status,
        RaisedAt = DateTime.UtcNow.AddHours(-1),
        SlaDueAt = DateTime.UtcNow.AddHours(3),
        IsOverdue = false,
        WeekDueDate = DateOnly.FromDateTime(DateTime.UtcNow),
        RulesVersion = "1",
        Patient = new PatientBanner(
            Guid.CreateVersion7(), "ROUSSEAU Hélène", new DateOnly(1961, 3, 4), 65, Sex.Female, "123456", "HOP", null, IdentityStatus.Provisional,
            EstablishmentId, "CHU Démo", "CHU", Guid.CreateVersion7(), EnrollmentStatus.Active, TreatmentType.IvChemotherapy, null, true,
            null, null, null),
        Findings = findings ?? [Fever, Nausea],
        Trends = [],
        Actions = [],
        PreviousAlerts = [],
        ReportVersions = [],
    };
}

using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Patients;

/// <summary>
/// A patient's telemonitoring record as the user's establishments know it: the banner, the enrolments with their
/// schedule and consent, the timeline of responses, alerts and actions (newest first, paged), and the symptom
/// heatmap: the composite grade of each symptom week by week, with the weeks left unanswered.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("patient.chart.read")]
public sealed record GetPatientChartQuery(Guid PatientId) : IRequest<PatientChart>, IPatientScopedRequest
{
    public const int DefaultHeatmapWeeks = 12;

    public const int MaxHeatmapWeeks = 53;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;

    /// <summary>Weeks the heatmap covers, up to <see cref="HeatmapUntil"/>.</summary>
    public int HeatmapWeeks { get; init; } = DefaultHeatmapWeeks;

    /// <summary>
    /// Last day the heatmap covers (the patient's calendar day); when not given, today, or the due date of the week
    /// open now when it is still to come (a week opens before its due date).
    /// </summary>
    public DateOnly? HeatmapUntil { get; init; }

    /// <summary>The kinds of timeline entry to list; all of them when empty.</summary>
    public IReadOnlyList<TimelineEntryKind> TimelineKinds { get; init; } = [];
}

public sealed record PatientChart(
    PatientBanner Banner,
    IReadOnlyList<ChartEnrollment> Enrollments,
    PagedResult<TimelineEntry> Timeline,
    SymptomHeatmap Heatmap);

/// <summary>An enrolment, its schedule so far and its consent.</summary>
/// <param name="NextDueDate">The next questionnaire due from today; null once the prescription has ended.</param>
/// <param name="WeeksDue">Questionnaires due up to today.</param>
/// <param name="WeeksAnswered">Of those, the ones answered.</param>
public sealed record ChartEnrollment(
    Guid EnrollmentId,
    Guid EstablishmentId,
    string EstablishmentName,
    EnrollmentStatus Status,
    string? StatusReason,
    TreatmentType Treatment,
    string? Regimen,
    bool CytotoxicChemotherapy,
    bool WithRadiotherapy,
    DateOnly StartDate,
    DateOnly PrescriptionEnd,
    int CadenceWeeks,
    DayOfWeek QuestionnaireDay,
    ConsentDecision ConsentDecision,
    DateOnly ConsentDate,
    ConsentMethod ConsentMethod,
    string? ReferringOncologistName,
    string? NurseTeam,
    DateOnly? NextDueDate,
    int WeeksDue,
    int WeeksAnswered);

public enum TimelineEntryKind
{
    Response = 0,
    Alert = 1,
    Action = 2,

    /// <summary>A hospital movement received by ADT (admission, transfer, discharge…).</summary>
    Movement = 3,
}

/// <summary>One event of the patient's timeline; the fields that do not apply to its kind are null.</summary>
/// <param name="Id">The response, alert or action.</param>
/// <param name="AlertId">The alert (of an alert or an action).</param>
/// <param name="Summary">The event in one line.</param>
/// <param name="Grade">A response's worst composite grade, an alert's worst grade.</param>
public sealed record TimelineEntry(
    DateTime At,
    TimelineEntryKind Kind,
    Guid Id,
    Guid? AlertId,
    LocalizedText Summary,
    AlertPriority? Priority,
    AlertStatus? AlertStatus,
    int? Grade,
    string? ItemKey,
    TriageActionKind? ActionKind,
    string? StaffName,
    StaffRole? StaffRole,
    string? Note);

/// <summary>Symptoms (rows, questionnaire order) by weeks (columns, oldest first).</summary>
public sealed record SymptomHeatmap(DateOnly From, DateOnly Until, IReadOnlyList<HeatmapWeek> Weeks, IReadOnlyList<HeatmapRow> Rows);

/// <param name="DueDate">Due date of a scheduled week (or of a response).</param>
/// <param name="Answered">False for a scheduled week without a response: a missing week.</param>
public sealed record HeatmapWeek(DateOnly DueDate, bool Answered);

/// <param name="Grades">One per week: the composite grade 0-3, null where the week has no response.</param>
public sealed record HeatmapRow(string ItemKey, LocalizedText Label, IReadOnlyList<int?> Grades);

public sealed class GetPatientChartQueryValidator : AbstractValidator<GetPatientChartQuery>
{
    public GetPatientChartQueryValidator()
    {
        RuleFor(q => q.PatientId).NotEmpty();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        RuleFor(q => q.HeatmapWeeks).InclusiveBetween(1, GetPatientChartQuery.MaxHeatmapWeeks);
        RuleFor(q => q.TimelineKinds).NotNull();
        RuleForEach(q => q.TimelineKinds).IsInEnum();
    }
}

internal sealed class GetPatientChartQueryHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IOptions<ScheduleOptions> scheduleOptions)
    : IRequestHandler<GetPatientChartQuery, PatientChart>
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public async ValueTask<PatientChart> Handle(GetPatientChartQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var options = scheduleOptions.Value;
        var timeZone = options.ResolveTimeZone();
        var today = CalendarDay.Of(now, timeZone);
        var establishmentIds = user.EstablishmentIds.ToArray();

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var banner = await PatientBanners.ForPatientAsync(db, request.PatientId, establishmentIds, today, cancellationToken)
            ?? throw new NotFoundException("Patient", request.PatientId);

        var enrollments = await (
                from e in db.Enrollments.AsNoTracking()
                join s in db.Establishments on e.EstablishmentId equals s.Id
                where e.PatientId == request.PatientId && establishmentIds.Contains(e.EstablishmentId)
                orderby e.StartDate descending, e.Id descending
                select new
                {
                    Enrollment = e,
                    EstablishmentName = s.Name,
                    Oncologist = db.StaffMembers.Where(m => m.Id == e.ReferringOncologistId).Select(m => m.DisplayName).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);
        var enrollmentIds = enrollments.Select(e => e.Enrollment.Id).ToArray();
        var answeredWeeks = (await db.QuestionnaireResponses.AsNoTracking()
                .Where(r => enrollmentIds.Contains(r.EnrollmentId))
                .Select(r => new { r.EnrollmentId, r.WeekDueDate })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.EnrollmentId, r => r.WeekDueDate);

        var schedules = enrollments.ToDictionary(e => e.Enrollment.Id, e => QuestionnaireSchedule.For(e.Enrollment, options));
        var chartEnrollments = enrollments.Select(row =>
        {
            var e = row.Enrollment;
            var due = schedules[e.Id].DueUpTo(today);
            var answered = answeredWeeks[e.Id].ToHashSet();
            return new ChartEnrollment(
                e.Id, e.EstablishmentId, row.EstablishmentName, e.Status, e.StatusReason, e.Treatment, e.Regimen, e.CytotoxicChemotherapy,
                e.WithRadiotherapy, e.StartDate, e.PrescriptionEnd, e.CadenceWeeks, e.QuestionnaireDay, e.ConsentDecision, e.ConsentDate,
                e.ConsentMethod, row.Oncologist, e.NurseTeam,
                schedules[e.Id].Weeks.FirstOrDefault(w => w.DueDate >= today)?.DueDate,
                due.Count,
                due.Count(w => answered.Contains(w.DueDate)));
        }).ToList();

        var timeline = await TimelineAsync(db, request, enrollmentIds, establishmentIds, timeZone, cancellationToken);
        // A week can be answered from before its due date: the week open now is in the chart as soon as it opens.
        var openWeekDue = schedules.Values.Select(s => s.WeekFor(now)?.DueDate).Where(d => d > today).Max();
        var until = request.HeatmapUntil ?? openWeekDue ?? today;
        var heatmap = await HeatmapAsync(db, enrollmentIds, schedules.Values, until.AddDays(-7 * request.HeatmapWeeks + 1), until, cancellationToken);

        AuditDetails.Current?.Detail = request.TimelineKinds.Count == 0
            ? $"Chart: {chartEnrollments.Count} enrolment(s), timeline page {request.Page}, heatmap {request.HeatmapWeeks} week(s)."
            : $"Chart: {chartEnrollments.Count} enrolment(s), timeline page {request.Page} of {string.Join(", ", request.TimelineKinds.Distinct().Order())}, heatmap {request.HeatmapWeeks} week(s).";
        return new PatientChart(banner, chartEnrollments, timeline, heatmap);
    }

    /// <summary>
    /// Responses, alerts, actions and hospital movements newest first. Each source gives at most the rows up to the end of the page
    /// asked for, so that merging them finds the page without reading the whole history.
    /// </summary>
    private static async Task<PagedResult<TimelineEntry>> TimelineAsync(
        IPortalDbContext db, GetPatientChartQuery request, Guid[] enrollmentIds, Guid[] establishmentIds, TimeZoneInfo timeZone,
        CancellationToken cancellationToken)
    {
        var depth = request.Page * request.PageSize;
        // A kind left out of the filter reads nothing: its source is an empty query, counted and paged as the others.
        bool Listed(TimelineEntryKind kind) => request.TimelineKinds.Count == 0 || request.TimelineKinds.Contains(kind);
        var listResponses = Listed(TimelineEntryKind.Response);
        var listAlerts = Listed(TimelineEntryKind.Alert);
        var listActions = Listed(TimelineEntryKind.Action);
        var listMovements = Listed(TimelineEntryKind.Movement);
        var allAlerts = db.Alerts.AsNoTracking().Where(a => a.PatientId == request.PatientId && establishmentIds.Contains(a.EstablishmentId));
        var responses = db.QuestionnaireResponses.AsNoTracking().Where(r => listResponses && enrollmentIds.Contains(r.EnrollmentId));
        var alerts = allAlerts.Where(a => listAlerts);
        var actions = db.TriageActions.AsNoTracking().Where(t => listActions && allAlerts.Select(a => a.Id).Contains(t.AlertId));
        var movements = db.AdtMovements.AsNoTracking().Where(m => listMovements && m.PatientId == request.PatientId);

        var total = await responses.CountAsync(cancellationToken) + await alerts.CountAsync(cancellationToken)
            + await actions.CountAsync(cancellationToken) + await movements.CountAsync(cancellationToken);

        var responseRows = await responses.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(depth).ToListAsync(cancellationToken);
        var alertRows = await alerts.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Take(depth).ToListAsync(cancellationToken);
        var actionRows = await actions.OrderByDescending(t => t.At).ThenByDescending(t => t.Id).Take(depth).ToListAsync(cancellationToken);
        var movementRows = await movements.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Take(depth).ToListAsync(cancellationToken);

        var entries = responseRows.Select(ResponseEntry)
            .Concat(alertRows.Select(AlertEntry))
            .Concat(actionRows.Select(a => ActionEntry(a, timeZone)))
            .Concat(movementRows.Select(MovementEntry))
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Kind == TimelineEntryKind.Action && e.ActionKind is { } kind ? TriageActionOrder.ClosingRank(kind) : 0)
            .ThenByDescending(e => e.Kind)
            .ThenByDescending(e => e.Id)
            .Skip(Paging.Skip(request.Page, request.PageSize))
            .Take(request.PageSize)
            .ToList();
        return new PagedResult<TimelineEntry>(entries, total, request.Page, request.PageSize);
    }

    private static TimelineEntry ResponseEntry(QuestionnaireResponse response)
    {
        var worst = response.Answers.Where(a => a.CompositeGrade is not null).OrderByDescending(a => a.CompositeGrade).FirstOrDefault();
        var week = string.Create(French, $"{response.WeekDueDate:dd/MM/yyyy}");
        var weekEn = string.Create(CultureInfo.InvariantCulture, $"{response.WeekDueDate:yyyy-MM-dd}");
        var summary = worst is { CompositeGrade: > 0 }
            ? new LocalizedText(
                string.Create(French, $"Questionnaire de la semaine du {week} : grade {worst.CompositeGrade} au plus ({FindingExplanation.ItemLabel(worst.ItemKey).Fr})"),
                string.Create(CultureInfo.InvariantCulture, $"Questionnaire of the week of {weekEn}: highest grade {worst.CompositeGrade} ({FindingExplanation.ItemLabel(worst.ItemKey).En})"))
            : new LocalizedText($"Questionnaire de la semaine du {week} : aucun symptôme gradé", $"Questionnaire of the week of {weekEn}: no graded symptom");
        return new TimelineEntry(
            response.SubmittedAt, TimelineEntryKind.Response, response.Id, null, summary, null, null,
            worst?.CompositeGrade, worst?.ItemKey, null, null, null, response.Comment);
    }

    private static TimelineEntry AlertEntry(Alert alert)
    {
        var finding = AlertReason.InPriorityOrder(alert.Findings).FirstOrDefault();
        var explanation = finding is null ? new LocalizedText("Alerte", "Alert") : FindingExplanation.Explain(finding, null, alert.WeekDueDate);
        var priority = PriorityName(alert.Priority);
        return new TimelineEntry(
            alert.RaisedAt, TimelineEntryKind.Alert, alert.Id, alert.Id,
            new LocalizedText($"Alerte {priority.Fr} : {explanation.Fr}", $"{priority.En} alert: {explanation.En}"),
            alert.Priority, alert.Status, alert.WorstGrade, alert.WorstItemKey, null, null, null, null);
    }

    private static TimelineEntry MovementEntry(AdtMovement movement)
    {
        var name = MovementNames.TryGetValue(movement.Trigger, out var known) ? known : new LocalizedText(movement.Trigger, movement.Trigger);
        var unit = movement.CareUnitName ?? movement.MedicalUnitName ?? movement.CareUnitCode ?? movement.MedicalUnitCode;
        var where = unit is null ? null : $" · {unit}";
        var summary = movement.Status == MovementStatus.Cancelled
            ? new LocalizedText($"{name.Fr} ({movement.Trigger}) annulée{where}", $"{name.En} ({movement.Trigger}) cancelled{where}")
            : new LocalizedText($"{name.Fr} ({movement.Trigger}){where}", $"{name.En} ({movement.Trigger}){where}");
        var note = movement.VisitNumber is null ? null : string.Create(French, $"Venue {movement.VisitNumber}");
        return new TimelineEntry(
            movement.At, TimelineEntryKind.Movement, movement.Id, null, summary, null, null, null, null, null, null, null, note);
    }

    /// <summary>The movements of IHE PAM France, in the words of French hospital staff and in English.</summary>
    private static readonly Dictionary<string, LocalizedText> MovementNames = new(StringComparer.Ordinal)
    {
        ["A01"] = new("Admission", "Admission"),
        ["A02"] = new("Mutation", "Transfer"),
        ["A03"] = new("Sortie", "Discharge"),
        ["A04"] = new("Venue externe", "Outpatient visit"),
        ["A05"] = new("Pré-admission", "Pre-admission"),
        ["A06"] = new("Passage en hospitalisation", "Change to inpatient"),
        ["A07"] = new("Passage en externe", "Change to outpatient"),
        ["A21"] = new("Absence provisoire", "Leave of absence"),
        ["A22"] = new("Retour d'absence", "Return from leave"),
        ["A54"] = new("Changement de médecin responsable", "Change of attending doctor"),
    };

    private static TimelineEntry ActionEntry(TriageAction action, TimeZoneInfo timeZone) => new(
        action.At, TimelineEntryKind.Action, action.Id, action.AlertId, TriageActionText.Describe(action.Kind, action.Details, timeZone),
        null, null, null, null, action.Kind, action.StaffName, action.StaffRole, action.Note);

    private static LocalizedText PriorityName(AlertPriority priority) => priority switch
    {
        AlertPriority.Urgent => new("urgente", "Urgent"),
        AlertPriority.High => new("élevée", "High"),
        AlertPriority.Medium => new("moyenne", "Medium"),
        _ => new("basse", "Low"),
    };

    /// <summary>
    /// The weeks are the scheduled due dates of the patient's enrolments in the period, plus any week answered in it;
    /// the rows are the graded symptoms of the current questionnaire, in the order they are asked.
    /// </summary>
    private static async Task<SymptomHeatmap> HeatmapAsync(
        IPortalDbContext db, Guid[] enrollmentIds, IEnumerable<QuestionnaireSchedule> schedules, DateOnly from, DateOnly until,
        CancellationToken cancellationToken)
    {
        var responses = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => enrollmentIds.Contains(r.EnrollmentId) && r.WeekDueDate >= from && r.WeekDueDate <= until)
            .ToListAsync(cancellationToken);
        var dueDates = schedules
            .SelectMany(s => s.Weeks)
            .Select(w => w.DueDate)
            .Where(d => d >= from && d <= until)
            .Union(responses.Select(r => r.WeekDueDate))
            .Order()
            .ToList();

        // Two enrolments answering the same week (a transfer) show the worse grade.
        var grades = responses
            .SelectMany(r => r.Answers.Where(a => a.CompositeGrade is not null).Select(a => (r.WeekDueDate, a.ItemKey, Grade: a.CompositeGrade!.Value)))
            .GroupBy(x => (x.WeekDueDate, x.ItemKey))
            .ToDictionary(g => g.Key, g => g.Max(x => x.Grade));
        var answered = responses.Select(r => r.WeekDueDate).ToHashSet();

        var rows = QuestionnaireCatalog.Current.Items
            .Where(i => !i.IsPresenceItem)
            .Select(item => new HeatmapRow(
                item.Key,
                item.Label,
                [.. dueDates.Select(week => grades.TryGetValue((week, item.Key), out var grade) ? grade : (int?)null)]))
            .ToList();
        return new SymptomHeatmap(from, until, [.. dueDates.Select(d => new HeatmapWeek(d, answered.Contains(d)))], rows);
    }
}

using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Application.Questionnaires;

/// <summary>
/// A patient's answers for one scheduled week, sent with their link's token. Checked and graded by the
/// questionnaire definition, judged by the alert rules against the previous answered week, and stored with its
/// alert in one transaction. Sending the same answers again for the week returns the stored result; different
/// answers for an answered week are refused.
/// </summary>
/// <remarks>
/// Property names are those of the API's JSON body, and validation errors name fields the same way:
/// <c>week</c>, <c>items.nausea.severity</c>, <c>temperatureCelsius</c>…
/// </remarks>
[AllowAnonymousRequest("The patient's link token is the credential; the handler checks it.")]
[Audited("questionnaire.submit")]
public sealed record SubmitQuestionnaireResponseCommand : IRequest<QuestionnaireSubmissionResult>
{
    public required string Token { get; init; }

    /// <summary>Due date of the week answered (the patient's calendar day).</summary>
    public required DateOnly Week { get; init; }

    /// <summary>Answers by item key; attributes that branching skips are left null.</summary>
    public IReadOnlyDictionary<string, SymptomAnswer?> Items { get; init; } = new Dictionary<string, SymptomAnswer?>();

    public decimal? TemperatureCelsius { get; init; }

    public decimal? WeightKg { get; init; }

    /// <summary>"Do you think this needs attention today?"</summary>
    public bool? PatientUrgent { get; init; }

    public string? Comment { get; init; }

    /// <summary>The command for a submission built by the patient's page.</summary>
    public static SubmitQuestionnaireResponseCommand For(string token, DateOnly week, QuestionnaireSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return new SubmitQuestionnaireResponseCommand
        {
            Token = token,
            Week = week,
            Items = submission.Items,
            TemperatureCelsius = submission.TemperatureCelsius,
            WeightKg = submission.WeightKg,
            PatientUrgent = submission.PatientUrgent,
            Comment = submission.Comment,
        };
    }

    // The token is a credential: keep it out of anything that prints the request.
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(SubmitQuestionnaireResponseCommand)} {{ Week = {Week:yyyy-MM-dd}, Items = {Items?.Count ?? 0} }}");
}

internal sealed class SubmitQuestionnaireResponseCommandHandler(
    IPortalDbContextFactory dbContextFactory,
    TimeProvider timeProvider,
    IOptions<AlertRuleOptions> alertRuleOptions,
    IOptions<SlaOptions> slaOptions,
    IOptions<ScheduleOptions> scheduleOptions,
    IAlertNotifier alertNotifier)
    : IRequestHandler<SubmitQuestionnaireResponseCommand, QuestionnaireSubmissionResult>
{
    private const string WeekField = "week";

    public async ValueTask<QuestionnaireSubmissionResult> Handle(SubmitQuestionnaireResponseCommand request, CancellationToken cancellationToken)
    {
        // To the microsecond, as PostgreSQL stores it: the result returned now must equal the one read back later.
        var clock = timeProvider.GetUtcNow().UtcDateTime;
        var now = clock.AddTicks(-(clock.Ticks % TimeSpan.TicksPerMicrosecond));
        var audit = AuditDetails.Current;
        Enrollment enrollment;
        await using (var db = await dbContextFactory.CreateAsync(cancellationToken))
        {
            (_, enrollment) = await PatientLinkAccess.RequireActiveAsync(db, request.Token, now, cancellationToken);
        }

        var schedule = QuestionnaireSchedule.For(enrollment, scheduleOptions.Value);
        var week = schedule.WeekDueOn(request.Week)
            ?? throw Invalid(WeekField, $"No questionnaire of this follow-up is due on {request.Week:yyyy-MM-dd}.");

        var definition = QuestionnaireCatalog.Current;
        var grading = SubmissionGrader.Grade(definition, new QuestionnaireSubmission
        {
            Items = request.Items,
            TemperatureCelsius = request.TemperatureCelsius,
            WeightKg = request.WeightKg,
            PatientUrgent = request.PatientUrgent,
            Comment = request.Comment,
        });
        if (!grading.IsValid)
        {
            throw new ValidationFailedException(grading.Errors
                .GroupBy(e => e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
        }

        var graded = grading.Result;
        await using (var db = await dbContextFactory.CreateAsync(cancellationToken))
        {
            if (await QuestionnaireSubmissionResults.ReadAsync(db, enrollment.Id, week.DueDate, cancellationToken) is { } stored)
            {
                return Replay(stored, graded, audit);
            }
        }

        if (!week.Accepts(now))
        {
            throw Invalid(WeekField, now < week.OpensAt
                ? $"The questionnaire due on {week.DueDate:yyyy-MM-dd} cannot be answered before {Local(week.OpensAt, schedule)}."
                : $"The questionnaire due on {week.DueDate:yyyy-MM-dd} closed on {Local(week.ClosesAt, schedule)}; answer the current one instead.");
        }

        var questionnaireId = await QuestionnaireRows.EnsureStoredAsync(dbContextFactory, definition, now, cancellationToken);
        try
        {
            return await StoreAsync(enrollment, week, graded, questionnaireId, definition, now, audit, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (enrollment, week) index refused a response sent at the same moment: the other one won.
            await using var db = await dbContextFactory.CreateAsync(CancellationToken.None);
            if (await QuestionnaireSubmissionResults.ReadAsync(db, enrollment.Id, week.DueDate, CancellationToken.None) is { } winner)
            {
                return Replay(winner, graded, audit);
            }

            throw;
        }
    }

    private async Task<QuestionnaireSubmissionResult> StoreAsync(
        Enrollment enrollment,
        ScheduledWeek week,
        GradedSubmission graded,
        Guid questionnaireId,
        QuestionnaireDefinition definition,
        DateTime now,
        AuditDetails? audit,
        CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var previous = await db.QuestionnaireResponses.AsNoTracking()
            .Include(r => r.Answers)
            .Where(r => r.EnrollmentId == enrollment.Id && r.WeekDueDate < week.DueDate)
            .OrderByDescending(r => r.WeekDueDate)
            .FirstOrDefaultAsync(cancellationToken);
        var expectedLevels = await db.ExpectedLevels.AsNoTracking()
            .Where(l => l.EnrollmentId == enrollment.Id && l.CancelledAt == null && l.Until > now)
            .ToListAsync(cancellationToken);

        var response = graded.ToResponse(enrollment.Id, enrollment.PatientId, questionnaireId, week.DueDate, now);

        var decision = new AlertRulesEngine(alertRuleOptions.Value).EvaluateResponse(new ResponseAlertInput
        {
            Answers = graded.Answers,
            PreviousAnswers = previous?.Answers,
            TemperatureCelsius = graded.TemperatureCelsius,
            PatientUrgent = graded.PatientUrgent,
            CytotoxicChemotherapy = enrollment.CytotoxicChemotherapy,
            ExpectedLevels = expectedLevels,
            At = now,
        });
        var alert = decision?.CreateAlert(
            enrollment.PatientId, enrollment.Id, enrollment.EstablishmentId, response.Id, week.DueDate, now, new SlaPolicy(slaOptions.Value));

        // One SaveChanges, one transaction: the response never exists without the alert it raised.
        db.QuestionnaireResponses.Add(response);
        if (alert is not null)
        {
            db.Alerts.Add(alert);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (alert is not null)
        {
            // Open queues learn of the alert only once it is committed: never of one a refused save left out.
            PortalTelemetry.RecordAlertRaised(alert);
            alertNotifier.Publish(new AlertChanged(alert.Id, alert.EstablishmentId, AlertChangeKind.Raised));
        }

        audit?.SetTarget("QuestionnaireResponse", response.Id);
        audit?.Detail = alert is null
            ? $"Week of {week.DueDate:yyyy-MM-dd} answered; no alert."
            : $"Week of {week.DueDate:yyyy-MM-dd} answered; alert {alert.Id} ({alert.Priority}) raised.";
        return QuestionnaireSubmissionResults.For(
            response, definition, alert, created: true, await QuestionnaireSubmissionResults.UnitPhoneAsync(db, enrollment.Id, cancellationToken));
    }

    /// <summary>An answered week: the same content gets the stored result back, other content is refused.</summary>
    private static QuestionnaireSubmissionResult Replay(StoredSubmission stored, GradedSubmission graded, AuditDetails? audit)
    {
        var week = stored.Result.Week;
        audit?.SetTarget("QuestionnaireResponse", stored.Result.ResponseId);
        if (!string.Equals(stored.ContentHash, graded.ContentHash, StringComparison.Ordinal))
        {
            audit?.Detail = $"Week of {week:yyyy-MM-dd} already answered with other answers.";
            throw new ConflictException(
                ConflictKind.Duplicate,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The questionnaire due on {week:yyyy-MM-dd} was already answered on {stored.SubmittedAt:yyyy-MM-dd HH:mm} UTC with different answers; a week is answered only once. If something has changed, tell your care team."));
        }

        audit?.Detail = $"Week of {week:yyyy-MM-dd} sent again with the same answers; the stored response is returned.";
        return stored.Result;
    }

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static string Local(DateTime utc, QuestionnaireSchedule schedule) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, schedule.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + schedule.TimeZone.Id;
}

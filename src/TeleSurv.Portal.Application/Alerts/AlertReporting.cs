using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>Writes the next version of a resolved alert's report into the unit of work of the act that calls for it.</summary>
internal static class AlertReporting
{
    public static async Task<int> NextVersionAsync(IPortalDbContext db, Guid alertId, CancellationToken cancellationToken) =>
        (await db.AlertReports.Where(r => r.AlertId == alertId).MaxAsync(r => (int?)r.VersionNumber, cancellationToken) ?? 0) + 1;

    /// <param name="writtenBy">The resolution or correction that calls for the report, not yet saved.</param>
    /// <param name="unsaved">Every action of this unit of work not yet saved, <paramref name="writtenBy"/> included.</param>
    public static async Task<AlertReport> AddAsync(
        IPortalDbContext db,
        Alert alert,
        TriageAction writtenBy,
        int versionNumber,
        IReadOnlyCollection<TriageAction> unsaved,
        TimeZoneInfo timeZone,
        CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == alert.PatientId, cancellationToken);
        var establishment = await db.Establishments.AsNoTracking().FirstAsync(e => e.Id == alert.EstablishmentId, cancellationToken);
        var response = alert.ResponseId is { } responseId
            ? await db.QuestionnaireResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == responseId, cancellationToken)
            : null;
        var saved = await db.TriageActions.AsNoTracking().Where(t => t.AlertId == alert.Id).ToListAsync(cancellationToken);
        List<TriageAction> actions = [.. saved, .. unsaved];
        var staffIds = actions.Select(a => a.StaffMemberId).Distinct().ToArray();
        var staff = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        var report = AlertReportWriter.Write(new AlertReportSource
        {
            Alert = alert,
            Patient = patient,
            Establishment = establishment,
            Response = response,
            Actions = actions,
            Staff = staff,
            WrittenBy = writtenBy,
            VersionNumber = versionNumber,
            TimeZone = timeZone,
        });
        db.AlertReports.Add(report);
        return report;
    }
}

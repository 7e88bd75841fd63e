using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>
/// Adds the ORU message of a report version to the unit of work that writes the version, so that both are
/// committed together or not at all: no report without its message, no message without its report.
/// </summary>
/// <remarks>
/// The writer (the HL7 encoder) comes from the host; a host that keeps ORU off, such as a test of the pipeline
/// alone, need not register one.
/// </remarks>
public sealed class ReportOutbox(IEnumerable<IOruMessageWriter> writers, IOptions<OruOptions> options)
{
    private readonly IOruMessageWriter? _writer = writers.LastOrDefault();

    /// <summary>The message of a version just written (a report or a correction); nothing when ORU is off.</summary>
    public OruOutboxMessage? Add(IPortalDbContext db, AlertReport report) =>
        Add(db, report, report.IsCorrection ? OruMessageKind.Correction : OruMessageKind.Report, report.CreatedAt);

    /// <summary>The message that withdraws <paramref name="report"/>, the alert's last version; nothing when ORU is off.</summary>
    public OruOutboxMessage? AddWithdrawal(IPortalDbContext db, AlertReport report, DateTime at) =>
        Add(db, report, OruMessageKind.Withdrawal, at);

    private OruOutboxMessage? Add(IPortalDbContext db, AlertReport report, OruMessageKind kind, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        if (!options.Value.Enabled)
        {
            return null;
        }

        var writer = _writer ?? throw new InvalidOperationException(
            "ORU reports are on (Oru:Enabled) but no IOruMessageWriter is registered: call AddOru when building the host.");
        var controlId = OruControlId.New(at);
        var written = writer.Write(new OruReportVersion(kind, controlId, at, report, AlertReportContent.FromJson(report.Content)));
        var message = new OruOutboxMessage
        {
            ControlId = controlId,
            Kind = kind,
            PatientId = report.PatientId,
            EstablishmentId = report.EstablishmentId,
            AlertId = report.AlertId,
            ReportId = report.Id,
            ReportVersion = report.VersionNumber,
            CreatedAt = at,
            Message = written.Message,
            CharacterSet = written.CharacterSet,
            State = OruMessageState.Pending,
            NextAttemptAt = at,
        };
        db.OruOutbox.Add(message);
        return message;
    }
}

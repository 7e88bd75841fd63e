using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>Turns a report version into the ORU^R01 message owed to the EAI (the HL7 encoder, in Infrastructure).</summary>
public interface IOruMessageWriter
{
    /// <exception cref="OruMessageException">The report cannot be written as a message (a character the declared set lacks…).</exception>
    OruWrittenMessage Write(OruReportVersion version);

    /// <summary>The weekly summary of an enrollment's week, with the structure of a report and no professional's act.</summary>
    /// <exception cref="OruMessageException">The summary cannot be written as a message.</exception>
    OruWrittenMessage WriteWeeklySummary(OruWeeklySummary summary);
}

/// <param name="ControlId">MSH-10.</param>
/// <param name="At">MSH-7: when the message is written.</param>
public sealed record OruWeeklySummary(string ControlId, DateTime At, WeeklySummaryContent Content);

/// <param name="Kind">Report, correction or withdrawal: decides ORC-1 and OBX-11.</param>
/// <param name="ControlId">MSH-10.</param>
/// <param name="At">MSH-7: when the message is written.</param>
/// <param name="Report">The version carried (for a withdrawal, the last version, which is withdrawn).</param>
/// <param name="Content">The version's content, read from <see cref="AlertReport.Content"/>.</param>
public sealed record OruReportVersion(OruMessageKind Kind, string ControlId, DateTime At, AlertReport Report, AlertReportContent Content);

/// <param name="Message">ER7, segments ended by a carriage return.</param>
/// <param name="CharacterSet">MSH-18 as written.</param>
public sealed record OruWrittenMessage(string Message, string CharacterSet);

/// <summary>A report that cannot be turned into a message; the message says why.</summary>
public sealed class OruMessageException : Exception
{
    public OruMessageException()
    {
    }

    public OruMessageException(string message)
        : base(message)
    {
    }

    public OruMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

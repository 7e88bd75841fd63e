using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Application.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Enrolment;
using TeleSurv.Portal.Web.Localization;

namespace TeleSurv.Portal.Web.Components.Audit;

/// <summary>The audit trail, filtered as on the viewer, as a CSV download.</summary>
public static class AuditExportEndpoints
{
    public const string ExportPath = "/admin/audit/export.csv";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, async (
                [FromQuery] string? actor,
                [FromQuery] string? action,
                [FromQuery] Guid? patient,
                [FromQuery] string? target,
                [FromQuery] DateOnly? from,
                [FromQuery] DateOnly? to,
                [FromQuery] AuditOutcome? outcome,
                ISender sender,
                TimeProvider clock,
                IStringLocalizer<SharedResource> localizer,
                CancellationToken cancellationToken) =>
            {
                var filter = new AuditTrailFilter { Actor = actor, Action = action, PatientId = patient, TargetId = target, From = from, To = to, Outcome = outcome };
                try
                {
                    var rows = await sender.Send(new ExportAuditTrailQuery(filter), cancellationToken);
                    var content = CsvDocument.Write(Header(localizer), rows.Select(r => Row(r, localizer)));
                    return Results.File(content, CsvDocument.ContentType, $"journal-audit-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv");
                }
                catch (ValidationFailedException invalid)
                {
                    return Results.ValidationProblem(invalid.Errors.ToDictionary(e => e.Key, e => e.Value));
                }
                catch (ConflictException tooMany)
                {
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: tooMany.Message);
                }
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = nameof(StaffRole.Admin) });
        return endpoints;
    }

    /// <summary>The query string of the export of what the viewer shows.</summary>
    public static string UrlFor(AuditTrailFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }

        Add("actor", filter.Actor);
        Add("action", filter.Action);
        Add("patient", filter.PatientId?.ToString());
        Add("target", filter.TargetId);
        Add("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("outcome", filter.Outcome?.ToString());
        return query.Count == 0 ? ExportPath : $"{ExportPath}?{string.Join('&', query)}";
    }

    internal static string[] Header(IStringLocalizer localizer) =>
    [
        localizer["Audit.Sequence"], localizer["Audit.At"], localizer["Audit.Actor"], localizer["Audit.Role"], localizer["Audit.Establishment"],
        localizer["Audit.Action"], localizer["Audit.TargetType"], localizer["Audit.Target"], localizer["Audit.PatientId"],
        localizer["Audit.Patient"], localizer["Audit.Outcome"], localizer["Audit.Detail"],
    ];

    internal static string?[] Row(AuditEntryRow row, IStringLocalizer localizer) =>
    [
        row.Sequence.ToString(CultureInfo.InvariantCulture),
        // UTC in ISO 8601: an audit time must not depend on who exports it.
        row.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        row.Actor, row.Role, row.EstablishmentCode, row.Action, row.TargetType, row.TargetId, row.PatientId?.ToString(), row.PatientName,
        localizer[$"AuditOutcome.{row.Outcome}"], row.Detail,
    ];
}

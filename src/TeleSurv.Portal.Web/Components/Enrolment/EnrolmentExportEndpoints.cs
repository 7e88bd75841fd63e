using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Localization;

namespace TeleSurv.Portal.Web.Components.Enrolment;

/// <summary>The monthly activity export as a download (a plain link from the enrolment page, no script needed).</summary>
public static class EnrolmentExportEndpoints
{
    public const string ActivityPath = "/enrolment/activity.csv";

    public static IEndpointRouteBuilder MapEnrolmentExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ActivityPath, async (
                [FromQuery] Guid? establishment,
                [FromQuery] string? month,
                ISender sender,
                IStringLocalizer<SharedResource> localizer,
                CancellationToken cancellationToken) =>
            {
                if (establishment is not { } establishmentId
                    || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                {
                    return Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Choose an establishment and a month.",
                        detail: "Expected ?establishment=<id>&month=yyyy-MM, e.g. month=2026-03.");
                }

                try
                {
                    var activity = await sender.Send(new GetMonthlyActivityQuery(establishmentId, first.Year, first.Month), cancellationToken);
                    var content = CsvDocument.Write(Header(localizer), activity.Rows.Select(r => Row(activity, r, localizer)));
                    return Results.File(content, CsvDocument.ContentType, $"activite-{activity.EstablishmentCode}-{first:yyyy-MM}.csv");
                }
                catch (ForbiddenAccessException)
                {
                    return Results.Forbid();
                }
                catch (ValidationFailedException invalid)
                {
                    return Results.ValidationProblem(invalid.Errors.ToDictionary(e => e.Key, e => e.Value));
                }
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = nameof(StaffRole.Admin) });
        return endpoints;
    }

    internal static string[] Header(IStringLocalizer localizer) =>
    [
        localizer["Activity.Finess"], localizer["Activity.Ipp"], localizer["Activity.Ins"], localizer["Activity.BirthName"],
        localizer["Activity.FirstNames"], localizer["Activity.BirthDate"], localizer["Activity.Treatment"], localizer["Activity.Radiotherapy"],
        localizer["Activity.EnrolledOn"], localizer["Activity.ConsentDate"], localizer["Activity.PrescriptionStart"],
        localizer["Activity.PrescriptionEnd"], localizer["Activity.Status"], localizer["Activity.Responses"],
        localizer["Activity.FirstResponse"], localizer["Activity.LastResponse"],
    ];

    internal static string?[] Row(MonthlyActivity activity, MonthlyActivityRow row, IStringLocalizer localizer) =>
    [
        activity.Finess, row.Ipp, row.Ins, row.BirthFamilyName, row.FirstNames, Day(row.BirthDate), localizer[$"Treatment.{row.Treatment}"],
        localizer[row.WithRadiotherapy ? "Common.Yes" : "Common.No"], Day(row.EnrolledOn), Day(row.ConsentDate), Day(row.PrescriptionStart),
        Day(row.PrescriptionEnd), localizer[$"EnrollmentStatus.{row.Status}"], row.ResponsesInMonth.ToString(CultureInfo.InvariantCulture),
        Day(row.FirstResponseOn), Day(row.LastResponseOn),
    ];

    // The reader's own short date (dd/MM/yyyy in French), which Excel recognises as a date.
    private static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);
}

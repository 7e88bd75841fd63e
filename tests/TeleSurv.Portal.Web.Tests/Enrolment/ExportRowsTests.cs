using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Application.Auditing;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Web.Components.Audit;
using TeleSurv.Portal.Web.Components.Enrolment;
using TeleSurv.Portal.Web.Localization;

namespace TeleSurv.Portal.Web.Tests.Enrolment;

/// <summary>The columns of the two CSV exports, in the reader's language, with dates as French Excel reads them.</summary>
public sealed class ExportRowsTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public ExportRowsTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        _services = services.BuildServiceProvider();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
    }

    private IStringLocalizer L => _services.GetRequiredService<IStringLocalizer<SharedResource>>();

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        _services.Dispose();
    }

    [Fact]
    public void An_activity_row_has_a_value_under_each_header_with_french_dates()
    {
        var activity = new MonthlyActivity("CHRIV", "CHU de Rivemont", "750000001", 2026, 3, []);
        var row = new MonthlyActivityRow(
            Guid.CreateVersion7(), "10482913", null, "ROUSSEAU", "Hélène", new DateOnly(1955, 1, 20), Guid.CreateVersion7(),
            TreatmentType.OralTherapy, true, new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 5),
            new DateOnly(2026, 12, 31), EnrollmentStatus.Active, 4, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 30));

        var header = EnrolmentExportEndpoints.Header(L);
        var fields = EnrolmentExportEndpoints.Row(activity, row, L);

        Assert.Equal(header.Length, fields.Length);
        Assert.Equal(["FINESS", "IPP", "INS", "Nom de naissance"], header[..4]);
        IEnumerable<string?> identity = ["750000001", "10482913", null, "ROUSSEAU", "Hélène", "20/01/1955", "Thérapie orale", "Oui"];
        Assert.Equal(identity, fields[..8]);
        IEnumerable<string?> activityColumns = ["31/12/2026", "Suivi actif", "4", "02/03/2026", "30/03/2026"];
        Assert.Equal(activityColumns, fields[11..]);
    }

    [Fact]
    public void An_audit_row_keeps_utc_iso_times_and_translates_the_outcome()
    {
        var row = new AuditEntryRow(
            42, new DateTime(2026, 3, 10, 12, 0, 0, 123, DateTimeKind.Utc), "Claire Martin", "Ipa", Guid.CreateVersion7(), null, "CHRIV",
            "patient.chart.read", "Patient", "abc", null, null, AuditOutcome.Denied, "Patient outside the user's establishments or absent.");

        var fields = AuditExportEndpoints.Row(row, L);

        Assert.Equal(AuditExportEndpoints.Header(L).Length, fields.Length);
        Assert.Equal(("42", "2026-03-10T12:00:00.123000Z", "Refusé"), (fields[0], fields[1], fields[10]));
    }

    [Fact]
    public void The_export_link_carries_the_viewer_s_filters()
    {
        var patient = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");

        var url = AuditExportEndpoints.UrlFor(new AuditTrailFilter
        {
            Actor = "claire m",
            PatientId = patient,
            From = new DateOnly(2026, 3, 1),
            Outcome = AuditOutcome.Denied,
        });

        Assert.Equal($"/admin/audit/export.csv?actor=claire%20m&patient={patient}&from=2026-03-01&outcome=Denied", url);
        Assert.Equal("/admin/audit/export.csv", AuditExportEndpoints.UrlFor(new AuditTrailFilter()));
    }
}

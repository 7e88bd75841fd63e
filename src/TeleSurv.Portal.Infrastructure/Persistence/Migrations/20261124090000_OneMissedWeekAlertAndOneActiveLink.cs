using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Two partial unique indexes that make races harmless: one missed-questionnaire alert per week of an enrollment
/// (non-responder jobs running on several instances), and one unrevoked link per enrollment (two admins issuing
/// at once). The filters quote column names the way both SQLite and PostgreSQL read them.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261124090000_OneMissedWeekAlertAndOneActiveLink")]
public sealed class OneMissedWeekAlertAndOneActiveLink : Migration
{
    private static readonly string[] AlertsEnrollmentIdWeekDueDateColumns = ["EnrollmentId", "WeekDueDate"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_EnrollmentId_WeekDueDate_NonResponder",
            table: "Alerts",
            columns: AlertsEnrollmentIdWeekDueDateColumns,
            unique: true,
            filter: "\"Kind\" = 'NonResponder'");

        migrationBuilder.CreateIndex(
            name: "IX_PatientAccessLinks_EnrollmentId_Unrevoked",
            table: "PatientAccessLinks",
            column: "EnrollmentId",
            unique: true,
            filter: "\"RevokedAt\" IS NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropIndex(name: "IX_PatientAccessLinks_EnrollmentId_Unrevoked", table: "PatientAccessLinks");
        migrationBuilder.DropIndex(name: "IX_Alerts_EnrollmentId_WeekDueDate_NonResponder", table: "Alerts");
    }
}

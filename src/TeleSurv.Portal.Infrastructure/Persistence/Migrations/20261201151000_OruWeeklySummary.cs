using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The weekly summaries in the ORU outbox: the enrollment and week a summary covers, unique together so that a
/// week is summarised once. Written by hand and provider-neutral (see docs/decisions/ADR-003).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201151000_OruWeeklySummary")]
public sealed class OruWeeklySummary : Migration
{
    private static readonly string[] EnrollmentIdWeekColumns = ["EnrollmentId", "Week"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.AddColumn<Guid>(name: "EnrollmentId", table: "OruOutbox", nullable: true);
        migrationBuilder.AddColumn<DateOnly>(name: "Week", table: "OruOutbox", nullable: true);
        // SQL Server counts NULLs as equal in a unique index; EF's model filters them out there, as here.
        migrationBuilder.CreateIndex(
            name: "IX_OruOutbox_EnrollmentId_Week",
            table: "OruOutbox",
            columns: EnrollmentIdWeekColumns,
            unique: true,
            filter: migrationBuilder.IsSqlServer() ? "[EnrollmentId] IS NOT NULL AND [Week] IS NOT NULL" : null);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropIndex(name: "IX_OruOutbox_EnrollmentId_Week", table: "OruOutbox");

        // EF's SQLite generator refuses DropColumn without a snapshot; both providers read these statements.
        migrationBuilder.Sql("ALTER TABLE \"OruOutbox\" DROP COLUMN \"Week\";");
        migrationBuilder.Sql("ALTER TABLE \"OruOutbox\" DROP COLUMN \"EnrollmentId\";");
    }
}

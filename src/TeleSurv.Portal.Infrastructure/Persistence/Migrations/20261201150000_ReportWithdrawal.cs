using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The reason a report was withdrawn, kept on the version that withdraws it. Written by hand and provider-neutral
/// (see docs/decisions/ADR-003).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201150000_ReportWithdrawal")]
public sealed class ReportWithdrawal : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.AddColumn<string>(name: "WithdrawalReason", table: "AlertReports", maxLength: 4000, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // EF's SQLite generator refuses DropColumn (it would rebuild the table from a snapshot there is none of);
        // both SQLite (3.35 and later) and PostgreSQL drop a plain column with this statement.
        migrationBuilder.Sql("ALTER TABLE \"AlertReports\" DROP COLUMN \"WithdrawalReason\";");
    }
}

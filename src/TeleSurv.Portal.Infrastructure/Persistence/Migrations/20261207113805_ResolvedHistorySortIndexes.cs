using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The resolved history sorted by the time raised or due (the queue's column headers) in an order an index serves:
/// a page of it read and sorted every resolved alert (160,000 in the load data: 400 ms on SQLite, 120 ms on
/// PostgreSQL).
/// </summary>
public sealed partial class ResolvedHistorySortIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_Status_RaisedAt",
            table: "Alerts",
            columns: ["Status", "RaisedAt"]);

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_Status_SlaDueAt",
            table: "Alerts",
            columns: ["Status", "SlaDueAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropIndex(name: "IX_Alerts_Status_SlaDueAt", table: "Alerts");
        migrationBuilder.DropIndex(name: "IX_Alerts_Status_RaisedAt", table: "Alerts");
    }
}

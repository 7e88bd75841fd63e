using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The queue's resolved history, last resolved first: an index in that order, so that a page far into the history
/// is read from the index instead of sorting every resolved alert. Written by hand and provider-neutral (see
/// docs/decisions/ADR-003).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201160000_ResolvedHistoryIndex")]
public sealed class ResolvedHistoryIndex : Migration
{
    private static readonly string[] Columns = ["Status", "ResolvedAt"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateIndex(name: "IX_Alerts_Status_ResolvedAt", table: "Alerts", columns: Columns);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropIndex(name: "IX_Alerts_Status_ResolvedAt", table: "Alerts");
    }
}

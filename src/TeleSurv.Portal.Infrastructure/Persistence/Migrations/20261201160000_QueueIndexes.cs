using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Two indexes the triage queue reads through at the scale of a GHT (docs/benchmarks.md, "Alert queue"):
/// <list type="bullet">
/// <item>the resolved history in its order, last resolved first, so that a page far into it is read from the index
/// instead of sorting every resolved alert;</item>
/// <item>the findings by alert and symptom, so that the symptom filter probes each alert's findings in the index
/// instead of hashing every finding of that symptom. It starts with the alert, so it also serves the foreign key
/// and replaces the index on the alert alone.</item>
/// </list>
/// Written by hand and provider-neutral (see docs/decisions/ADR-003).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201160000_QueueIndexes")]
public sealed class QueueIndexes : Migration
{
    private static readonly string[] ResolvedColumns = ["Status", "ResolvedAt"];
    private static readonly string[] FindingColumns = ["AlertId", "ItemKey"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateIndex(name: "IX_Alerts_Status_ResolvedAt", table: "Alerts", columns: ResolvedColumns);
        migrationBuilder.CreateIndex(name: "IX_AlertFindings_AlertId_ItemKey", table: "AlertFindings", columns: FindingColumns);
        migrationBuilder.DropIndex(name: "IX_AlertFindings_AlertId", table: "AlertFindings");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateIndex(name: "IX_AlertFindings_AlertId", table: "AlertFindings", column: "AlertId");
        migrationBuilder.DropIndex(name: "IX_AlertFindings_AlertId_ItemKey", table: "AlertFindings");
        migrationBuilder.DropIndex(name: "IX_Alerts_Status_ResolvedAt", table: "Alerts");
    }
}

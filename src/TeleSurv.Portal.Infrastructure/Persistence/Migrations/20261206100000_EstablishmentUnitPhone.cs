using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The oncology unit's telephone number, stored with each establishment: patients whose answers raise an urgent
/// alert are told to call it at once. Written by hand and provider-neutral (see docs/decisions/ADR-003).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261206100000_EstablishmentUnitPhone")]
public sealed class EstablishmentUnitPhone : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.AddColumn<string>(name: "UnitPhone", table: "Establishments", maxLength: 32, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // EF's SQLite generator refuses DropColumn without a snapshot; both providers read this statement.
        migrationBuilder.Sql("ALTER TABLE \"Establishments\" DROP COLUMN \"UnitPhone\";");
    }
}

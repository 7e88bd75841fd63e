using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The identity provider's session of each sign-in, so that the provider's front-channel logout finds the sessions
/// to end on any instance and after a restart; sessions already open keep none.
/// </summary>
public sealed partial class StaffSessionProviderSession : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.AddColumn<string>(
            name: "ProviderSessionId",
            table: "StaffSessions",
            maxLength: 256,
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_StaffSessions_ProviderSessionId",
            table: "StaffSessions",
            column: "ProviderSessionId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropIndex(
            name: "IX_StaffSessions_ProviderSessionId",
            table: "StaffSessions");

        // EF's SQLite generator refuses DropColumn (it has no target model to rebuild the table from); SQLite,
        // PostgreSQL and SQL Server all read this statement.
        migrationBuilder.Sql("ALTER TABLE \"StaffSessions\" DROP COLUMN \"ProviderSessionId\";");
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The IPP's assigning authority as the hospital's ADT sent it (HD-1, HD-2, HD-3), sent back in the ORU's PID-3;
/// patients already known have none until their next ADT message.
/// </summary>
public sealed partial class PatientIppAuthorityHd : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.AddColumn<string>(
            name: "IppAuthorityNamespaceId",
            table: "Patients",
            maxLength: 64,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "IppAuthorityUniversalId",
            table: "Patients",
            maxLength: 128,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "IppAuthorityUniversalIdType",
            table: "Patients",
            maxLength: 16,
            nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // EF's SQLite generator refuses DropColumn (it has no target model to rebuild the table from); SQLite,
        // PostgreSQL and SQL Server all read these statements.
        migrationBuilder.Sql("ALTER TABLE \"Patients\" DROP COLUMN \"IppAuthorityUniversalIdType\";");
        migrationBuilder.Sql("ALTER TABLE \"Patients\" DROP COLUMN \"IppAuthorityUniversalId\";");
        migrationBuilder.Sql("ALTER TABLE \"Patients\" DROP COLUMN \"IppAuthorityNamespaceId\";");
    }
}

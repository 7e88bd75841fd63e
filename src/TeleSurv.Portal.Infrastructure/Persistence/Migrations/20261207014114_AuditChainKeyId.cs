using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The id of the key whose HMAC chains each audit entry; entries already written keep none and their plain SHA-256.
/// </summary>
public sealed partial class AuditChainKeyId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.AddColumn<string>(
            name: "ChainKeyId",
            table: "AuditEntries",
            maxLength: 64,
            nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // EF's SQLite generator refuses DropColumn (it has no target model to rebuild the table from); SQLite,
        // PostgreSQL and SQL Server all read this statement.
        migrationBuilder.Sql("ALTER TABLE \"AuditEntries\" DROP COLUMN \"ChainKeyId\";");
    }
}

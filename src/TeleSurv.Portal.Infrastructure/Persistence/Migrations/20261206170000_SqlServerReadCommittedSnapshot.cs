using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// On SQL Server only: read committed through row versions (READ_COMMITTED_SNAPSHOT), so that a reader never waits
/// for a writer nor blocks one, as on PostgreSQL. The queue, the chart and the audit viewer read while ADT group
/// commit and the triage acts write; under SQL Server's default locking read committed they would queue behind each
/// other. Azure SQL has it on already; elsewhere the switch needs a moment alone with the database, so it runs
/// outside the migration's transaction and only when off. Nothing to do on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261206170000_SqlServerReadCommittedSnapshot")]
public sealed class SqlServerReadCommittedSnapshot : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.IsSqlServer())
        {
            migrationBuilder.Sql(
                """
                IF (SELECT is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID()) = 0
                    ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;
                """,
                suppressTransaction: true);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Left on: turning it off would only bring back readers and writers waiting for each other.
    }
}

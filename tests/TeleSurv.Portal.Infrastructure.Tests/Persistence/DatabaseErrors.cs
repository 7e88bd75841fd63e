using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TeleSurv.Portal.Infrastructure.Tests.Persistence;

/// <summary>Recognises which constraint a database refused a change for, whatever the provider.</summary>
internal static class DatabaseErrors
{
    private const int SqliteConstraintUnique = 2067;

    /// <summary>SQL Server: duplicate key in a unique index (2601) or a unique constraint (2627); a foreign key conflict (547).</summary>
    private const int SqlServerUniqueIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;
    private const int SqlServerConstraintConflict = 547;
    private const int SqliteConstraintForeignKey = 787;

    /// <summary>SQLite enforces ON DELETE RESTRICT with an internal trigger, and reports it under this code.</summary>
    private const int SqliteConstraintTrigger = 1811;

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqlException sqlServer => sqlServer.Number is SqlServerUniqueIndex or SqlServerUniqueConstraint,
            _ => false,
        };

    public static bool IsForeignKeyViolation(DbUpdateException exception) =>
        exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintForeignKey
                || (sqlite.SqliteExtendedErrorCode == SqliteConstraintTrigger
                    && sqlite.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal)),
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
            SqlException sqlServer => sqlServer.Number == SqlServerConstraintConflict,
            _ => false,
        };
}

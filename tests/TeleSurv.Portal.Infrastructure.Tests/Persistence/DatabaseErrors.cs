using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TeleSurv.Portal.Infrastructure.Tests.Persistence;

/// <summary>Recognises which constraint a database refused a change for, whatever the provider.</summary>
internal static class DatabaseErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintForeignKey = 787;

    /// <summary>SQLite enforces ON DELETE RESTRICT with an internal trigger, and reports it under this code.</summary>
    private const int SqliteConstraintTrigger = 1811;

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        };

    public static bool IsForeignKeyViolation(DbUpdateException exception) =>
        exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintForeignKey
                || (sqlite.SqliteExtendedErrorCode == SqliteConstraintTrigger
                    && sqlite.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal)),
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
            _ => false,
        };
}

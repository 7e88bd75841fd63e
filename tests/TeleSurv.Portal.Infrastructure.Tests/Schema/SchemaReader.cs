using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Tests.Schema;

/// <summary>
/// Reads a database's schema from its own catalogue (never from the EF model), so that what is compared is
/// what the database really holds. EF's bookkeeping tables (__EFMigrationsHistory, __EFMigrationsLock) are left out.
/// </summary>
public static class SchemaReader
{
    public static async Task<DatabaseSchema> ReadAsync(PortalDbContext db, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(db);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return provider == DatabaseProvider.Sqlite
                ? await ReadSqliteAsync(connection)
                : await ReadPostgresAsync(connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<DatabaseSchema> ReadSqliteAsync(DbConnection connection)
    {
        var tableNames = await QueryAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            + "AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\' ORDER BY name",
            r => r.GetString(0));

        var tables = new List<TableSchema>();
        foreach (var table in tableNames)
        {
            var quoted = Literal(table);
            var columns = await QueryAsync(connection,
                $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info({quoted}) ORDER BY cid",
                r => (Column: new ColumnSchema(r.GetString(0), r.GetString(1), r.GetInt64(2) == 0, r.IsDBNull(3) ? null : r.GetString(3)),
                      KeyOrdinal: r.GetInt64(4)));

            var keyColumns = columns.Where(c => c.KeyOrdinal > 0).OrderBy(c => c.KeyOrdinal).Select(c => c.Column.Name).ToList();

            // Origin "pk" is the index SQLite makes for the primary key itself, already described by the key.
            var indexList = await QueryAsync(connection,
                $"SELECT name, \"unique\", partial FROM pragma_index_list({quoted}) WHERE origin <> 'pk' ORDER BY name",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1, Partial: r.GetInt64(2) == 1));
            var indexes = new List<IndexSchema>();
            foreach (var index in indexList)
            {
                var indexColumns = await QueryAsync(connection,
                    $"SELECT name FROM pragma_index_info({Literal(index.Name)}) ORDER BY seqno",
                    r => r.GetString(0));
                var filter = index.Partial
                    ? (await QueryAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = {Literal(index.Name)}", r => r.GetString(0))).Single()
                    : null;
                indexes.Add(new IndexSchema(index.Name, index.Unique, indexColumns, filter));
            }

            var foreignKeyRows = await QueryAsync(connection,
                $"SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list({quoted}) ORDER BY id, seq",
                r => (Id: r.GetInt64(0), Principal: r.GetString(2), From: r.GetString(3), To: r.GetString(4), OnDelete: r.GetString(5)));
            var foreignKeys = foreignKeyRows
                .GroupBy(f => f.Id)
                .Select(g => new ForeignKeySchema(
                    null,
                    g.Select(f => f.From).ToList(),
                    g.First().Principal,
                    g.Select(f => f.To).ToList(),
                    g.First().OnDelete))
                .ToList();

            tables.Add(new TableSchema(
                table,
                columns.Select(c => c.Column).ToList(),
                keyColumns.Count == 0 ? null : new KeySchema(null, keyColumns),
                indexes,
                foreignKeys));
        }

        return new DatabaseSchema(tables);
    }

    private static async Task<DatabaseSchema> ReadPostgresAsync(DbConnection connection)
    {
        const string UserTables = """
            c.relkind = 'r' AND n.nspname = current_schema() AND c.relname NOT LIKE '\_\_EF%'
            """;

        var tableNames = await QueryAsync(connection,
            $"SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {UserTables} ORDER BY 1",
            r => r.GetString(0));

        var columns = await QueryAsync(connection,
            $"""
            SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   COALESCE(pg_get_expr(d.adbin, d.adrelid),
                            CASE a.attidentity WHEN 'a' THEN 'identity always' WHEN 'd' THEN 'identity by default' END)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE {UserTables} AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """,
            r => (Table: r.GetString(0), Column: new ColumnSchema(r.GetString(1), r.GetString(2), !r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetString(4))));

        var constraints = await QueryAsync(connection,
            $"""
            SELECT c.relname::text, k.conname::text, k.contype::text,
                   ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord),
                   p.relname::text,
                   ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord),
                   CASE k.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
                                      WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class p ON p.oid = k.confrelid
            WHERE {UserTables} AND k.contype IN ('p', 'f')
            ORDER BY 1, 2
            """,
            r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), Columns: r.GetFieldValue<string[]>(3),
                  Principal: r.IsDBNull(4) ? null : r.GetString(4), PrincipalColumns: r.GetFieldValue<string[]>(5),
                  OnDelete: r.IsDBNull(6) ? null : r.GetString(6)));

        var indexes = await QueryAsync(connection,
            $"""
            SELECT c.relname::text, i.relname::text, x.indisunique,
                   ARRAY(SELECT COALESCE(a.attname::text, '(expression)') FROM unnest(x.indkey::smallint[]) WITH ORDINALITY u(attnum, ord)
                         LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.attnum ORDER BY u.ord),
                   pg_get_expr(x.indpred, x.indrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {UserTables} AND NOT x.indisprimary
            ORDER BY 1, 2
            """,
            r => (Table: r.GetString(0), Index: new IndexSchema(r.GetString(1), r.GetBoolean(2), r.GetFieldValue<string[]>(3), r.IsDBNull(4) ? null : r.GetString(4))));

        var tables = tableNames.Select(table =>
        {
            var primaryKey = constraints.SingleOrDefault(k => k.Table == table && k.Type == "p");
            return new TableSchema(
                table,
                columns.Where(c => c.Table == table).Select(c => c.Column).ToList(),
                primaryKey.Name is null ? null : new KeySchema(primaryKey.Name, primaryKey.Columns),
                indexes.Where(i => i.Table == table).Select(i => i.Index).ToList(),
                constraints.Where(k => k.Table == table && k.Type == "f")
                    .Select(k => new ForeignKeySchema(k.Name, k.Columns, k.Principal!, k.PrincipalColumns, k.OnDelete!))
                    .ToList());
        }).ToList();

        return new DatabaseSchema(tables);
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}

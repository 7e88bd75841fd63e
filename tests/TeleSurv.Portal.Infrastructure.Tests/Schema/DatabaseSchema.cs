namespace TeleSurv.Portal.Infrastructure.Tests.Schema;

/// <summary>What a database holds, as read from its catalogue: enough to tell two schemas apart.</summary>
public sealed record DatabaseSchema(IReadOnlyList<TableSchema> Tables)
{
    /// <summary>
    /// The schema as a set of one-line facts (a table, a column with its type, a key, an index, a foreign key).
    /// Two schemas are equal when their facts are; the facts that differ are the explanation.
    /// </summary>
    public IReadOnlySet<string> Facts()
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            facts.Add($"table {table.Name}");
            foreach (var column in table.Columns)
            {
                facts.Add($"column {table.Name}.{column.Name} {column.StoreType} {(column.IsNullable ? "NULL" : "NOT NULL")}"
                    + (column.Default is null ? "" : $" DEFAULT {column.Default}"));
            }

            if (table.PrimaryKey is { } key)
            {
                facts.Add($"primary key {table.Name}{Named(key.Name)} ({Join(key.Columns)})");
            }

            foreach (var index in table.Indexes)
            {
                facts.Add($"{(index.IsUnique ? "unique index" : "index")} {table.Name}.{index.Name} ({Join(index.Columns)})"
                    + (index.Filter is null ? "" : $" WHERE {index.Filter}"));
            }

            foreach (var foreignKey in table.ForeignKeys)
            {
                facts.Add($"foreign key {table.Name}{Named(foreignKey.Name)} ({Join(foreignKey.Columns)}) -> "
                    + $"{foreignKey.PrincipalTable} ({Join(foreignKey.PrincipalColumns)}) ON DELETE {foreignKey.OnDelete}");
            }
        }

        return facts;
    }

    public TableSchema Table(string name) =>
        Tables.SingleOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"No table {name}.");

    private static string Named(string? name) => name is null ? "" : $" {name}";

    private static string Join(IEnumerable<string> columns) => string.Join(", ", columns);
}

public sealed record TableSchema(
    string Name,
    IReadOnlyList<ColumnSchema> Columns,
    KeySchema? PrimaryKey,
    IReadOnlyList<IndexSchema> Indexes,
    IReadOnlyList<ForeignKeySchema> ForeignKeys);

public sealed record ColumnSchema(string Name, string StoreType, bool IsNullable, string? Default);

/// <summary>A primary key; SQLite does not report constraint names, so <see cref="Name"/> may be null.</summary>
public sealed record KeySchema(string? Name, IReadOnlyList<string> Columns);

public sealed record IndexSchema(string Name, bool IsUnique, IReadOnlyList<string> Columns, string? Filter);

public sealed record ForeignKeySchema(
    string? Name,
    IReadOnlyList<string> Columns,
    string PrincipalTable,
    IReadOnlyList<string> PrincipalColumns,
    string OnDelete);

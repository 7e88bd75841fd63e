namespace TeleSurv.Portal.Infrastructure.Tests.Schema;

public sealed class SchemaComparerTests
{
    private static DatabaseSchema Schema(
        string idType = "uuid",
        bool nameNullable = false,
        bool uniqueName = true,
        string[]? indexColumns = null,
        string onDelete = "RESTRICT",
        string? defaultValue = null,
        bool withOwnerTable = true,
        string? keyName = "PK_Items")
    {
        var items = new TableSchema(
            "Items",
            [
                new ColumnSchema("Id", idType, false, null),
                new ColumnSchema("Name", "character varying(64)", nameNullable, defaultValue),
                new ColumnSchema("OwnerId", "uuid", false, null),
            ],
            new KeySchema(keyName, ["Id"]),
            [new IndexSchema("IX_Items_Name", uniqueName, indexColumns ?? ["Name"], null)],
            [new ForeignKeySchema("FK_Items_Owners_OwnerId", ["OwnerId"], "Owners", ["Id"], onDelete)]);
        var owners = new TableSchema("Owners", [new ColumnSchema("Id", "uuid", false, null)], new KeySchema("PK_Owners", ["Id"]), [], []);
        return new DatabaseSchema(withOwnerTable ? [items, owners] : [items]);
    }

    [Fact]
    public void Equal_schemas_have_no_difference() =>
        Assert.Empty(SchemaComparer.Differences(Schema(), Schema()));

    [Fact]
    public void Table_order_does_not_matter() =>
        Assert.Empty(SchemaComparer.Differences(Schema(), new DatabaseSchema(Schema().Tables.Reverse().ToList())));

    [Fact]
    public void A_missing_table_is_reported()
    {
        var differences = SchemaComparer.Differences(Schema(), Schema(withOwnerTable: false), "model", "migrations");

        Assert.Contains("only in model: table Owners", differences);
        Assert.Contains("only in model: column Owners.Id uuid NOT NULL", differences);
    }

    [Fact]
    public void A_different_store_type_is_reported() =>
        Assert.Equal(
            ["only in model: column Items.Id uuid NOT NULL", "only in migrations: column Items.Id text NOT NULL"],
            SchemaComparer.Differences(Schema(), Schema(idType: "text"), "model", "migrations"));

    [Fact]
    public void A_different_nullability_is_reported() =>
        Assert.Equal(
            [
                "only in model: column Items.Name character varying(64) NOT NULL",
                "only in migrations: column Items.Name character varying(64) NULL",
            ],
            SchemaComparer.Differences(Schema(), Schema(nameNullable: true), "model", "migrations"));

    [Fact]
    public void A_default_value_is_reported() =>
        Assert.Contains(
            "only in migrations: column Items.Name character varying(64) NOT NULL DEFAULT ''",
            SchemaComparer.Differences(Schema(), Schema(defaultValue: "''"), "model", "migrations"));

    [Fact]
    public void Index_uniqueness_is_reported() =>
        Assert.Equal(
            ["only in model: unique index Items.IX_Items_Name (Name)", "only in migrations: index Items.IX_Items_Name (Name)"],
            SchemaComparer.Differences(Schema(), Schema(uniqueName: false), "model", "migrations"));

    [Fact]
    public void Index_columns_and_their_order_are_reported()
    {
        Assert.NotEmpty(SchemaComparer.Differences(Schema(indexColumns: ["Name", "OwnerId"]), Schema(indexColumns: ["OwnerId", "Name"])));
        Assert.NotEmpty(SchemaComparer.Differences(Schema(), Schema(indexColumns: ["Name", "OwnerId"])));
    }

    [Fact]
    public void A_different_delete_rule_is_reported() =>
        Assert.Equal(
            [
                "only in model: foreign key Items FK_Items_Owners_OwnerId (OwnerId) -> Owners (Id) ON DELETE RESTRICT",
                "only in migrations: foreign key Items FK_Items_Owners_OwnerId (OwnerId) -> Owners (Id) ON DELETE CASCADE",
            ],
            SchemaComparer.Differences(Schema(), Schema(onDelete: "CASCADE"), "model", "migrations"));

    [Fact]
    public void A_different_key_name_is_reported() =>
        Assert.NotEmpty(SchemaComparer.Differences(Schema(), Schema(keyName: "PK_Item")));
}

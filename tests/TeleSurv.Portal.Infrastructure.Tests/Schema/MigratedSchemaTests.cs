using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Infrastructure.Tests.Schema;

/// <summary>
/// The guard of the hand-written migrations: on each provider, the schema the migrations build must be the one
/// EF builds from the model, down to column types, nullability, keys, indexes and foreign keys.
/// </summary>
public sealed class MigratedSchemaTests
{
    private static readonly string[] ModelTables =
    [
        "AdtMessages", "AdtMovements", "AlertFindings", "AlertReports", "Alerts", "AuditEntries", "DataProtectionKeys", "Enrollments", "Establishments", "ExpectedLevels",
        "ItemAnswers", "OruOutbox",
        "PatientAccessLinks", "Patients", "QuestionnaireResponses", "Questionnaires", "StaffEstablishments",
        "StaffMembers", "StaffSessions", "TriageActions",
    ];

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Migrated_schema_equals_the_schema_of_the_model(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider, TestSchema.Migrations);
        await using var created = await TestDatabase.CreateAsync(provider, TestSchema.EnsureCreated);

        var migratedSchema = await ReadAsync(migrated);
        var modelSchema = await ReadAsync(created);

        Assert.Equal(ModelTables, modelSchema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        AssertNoDifference(SchemaComparer.Differences(modelSchema, migratedSchema, "the model", "the migrations"));
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Schema_reader_sees_the_details_the_comparison_relies_on(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestSchema.Migrations);
        var schema = await ReadAsync(database);

        var patients = schema.Table("Patients");
        Assert.Equal(["Id"], patients.PrimaryKey!.Columns);
        var identity = Assert.Single(patients.Indexes, i => i.Name == "IX_Patients_IppAuthority_Ipp");
        Assert.True(identity.IsUnique);
        Assert.Equal(["IppAuthority", "Ipp"], identity.Columns);
        Assert.False(Assert.Single(patients.Indexes, i => i.Name == "IX_Patients_Ins").IsUnique);
        Assert.False(patients.Columns.Single(c => c.Name == "Ipp").IsNullable);
        Assert.True(patients.Columns.Single(c => c.Name == "Ins").IsNullable);

        var alertToPatient = Assert.Single(schema.Table("Alerts").ForeignKeys, f => f.PrincipalTable == "Patients");
        Assert.Equal("RESTRICT", alertToPatient.OnDelete);
        var findingToAlert = Assert.Single(schema.Table("AlertFindings").ForeignKeys);
        Assert.Equal("CASCADE", findingToAlert.OnDelete);

        var storeTypes = schema.Table("Alerts").Columns.ToDictionary(c => c.Name, c => c.StoreType);
        if (provider == DatabaseProvider.Postgres)
        {
            Assert.Equal("timestamp with time zone", storeTypes["RaisedAt"]);
            Assert.Equal("uuid", storeTypes["Id"]);
            Assert.Equal("character varying(32)", storeTypes["Status"]);
            Assert.Equal("date", storeTypes["WeekDueDate"]);
            Assert.Equal("numeric(6,2)", schema.Table("AlertFindings").Columns.Single(c => c.Name == "Value").StoreType);
        }
        else
        {
            Assert.Equal("TEXT", storeTypes["RaisedAt"]);
            Assert.Equal("TEXT", storeTypes["Status"]);
            Assert.Equal("INTEGER", storeTypes["Worsened"]);
        }
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Comparison_detects_an_index_missing_from_a_real_database(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider, TestSchema.Migrations);
        await using var created = await TestDatabase.CreateAsync(provider, TestSchema.EnsureCreated);
        await using (var db = created.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_Alerts_PatientId_RaisedAt\"");
        }

        var differences = SchemaComparer.Differences(await ReadAsync(created), await ReadAsync(migrated), "the model", "the migrations");

        var difference = Assert.Single(differences);
        Assert.Equal("only in the migrations: index Alerts.IX_Alerts_PatientId_RaisedAt (PatientId, RaisedAt)", difference);
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Migrating_again_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestSchema.Migrations);
        var before = await ReadAsync(database);

        var commands = new CommandRecorder();
        var options = new DbContextOptionsBuilder<PortalDbContext>(database.Options).AddInterceptors(commands).Options;
        await using (var db = new PortalDbContext(options))
        {
            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }

        Assert.NotEmpty(commands.Texts);
        Assert.DoesNotContain(commands.Texts, sql =>
            sql.Contains("CREATE TABLE \"", StringComparison.OrdinalIgnoreCase) && !sql.Contains("__EF", StringComparison.Ordinal)
            || sql.Contains("CREATE INDEX", StringComparison.OrdinalIgnoreCase)
            || sql.Contains("CREATE UNIQUE INDEX", StringComparison.OrdinalIgnoreCase)
            || sql.Contains("INSERT INTO \"__EFMigrationsHistory\"", StringComparison.OrdinalIgnoreCase));
        AssertNoDifference(SchemaComparer.Differences(before, await ReadAsync(database), "first run", "second run"));
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Down_removes_every_table_of_the_model(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestSchema.Migrations);
        await using var db = database.CreateContext();

        await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);

        Assert.Empty((await ReadAsync(database)).Tables);
    }

    private static void AssertNoDifference(IReadOnlyList<string> differences)
    {
        if (differences.Count > 0)
        {
            Assert.Fail($"The schemas differ:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
        }
    }

    private static async Task<DatabaseSchema> ReadAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await SchemaReader.ReadAsync(db, database.Provider);
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}

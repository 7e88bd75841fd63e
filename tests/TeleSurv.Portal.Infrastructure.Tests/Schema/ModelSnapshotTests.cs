using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Tests.DesignTime;

namespace TeleSurv.Portal.Infrastructure.Tests.Schema;

/// <summary>
/// The model snapshot that <c>dotnet ef</c> keeps (ADR-003): every change of the model comes with a migration, and
/// migrations are generated provider-neutral.
/// </summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_model_has_no_change_that_no_migration_carries()
    {
        using var db = new PortalDesignTimeDbContextFactory().CreateDbContext([]);

        // If this fails: dotnet ef migrations add <Name> (see docs/decisions/ADR-003), review, commit.
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration carries.");
    }

    [Fact]
    public void Generated_migrations_name_no_store_type_and_carry_no_target_model()
    {
        using var db = new PortalDesignTimeDbContextFactory().CreateDbContext([]);
        using var services = DesignTimeServices(db);
        var generator = services.GetRequiredService<IMigrationsCodeGeneratorSelector>().Select("C#");
        var create = new CreateTableOperation { Name = "Probes" };
        create.Columns.Add(new AddColumnOperation { Name = "Id", Table = "Probes", ClrType = typeof(Guid), ColumnType = "TEXT" });
        create.Columns.Add(new AddColumnOperation { Name = "Label", Table = "Probes", ClrType = typeof(string), ColumnType = "TEXT", MaxLength = 40 });
        var add = new AddColumnOperation { Name = "At", Table = "Probes", ClrType = typeof(DateTime), ColumnType = "TEXT" };

        var code = generator.GenerateMigration("TeleSurv.Portal.Infrastructure.Persistence.Migrations", "Probe", [create, add], []);
        var metadata = generator.GenerateMetadata(
            "TeleSurv.Portal.Infrastructure.Persistence.Migrations", typeof(PortalDbContext), "Probe", "20990101000000_Probe", db.Model);

        Assert.IsType<ProviderNeutralMigrationsGenerator>(generator);
        Assert.Contains("maxLength: 40", code, StringComparison.Ordinal);
        Assert.DoesNotContain("type:", code, StringComparison.Ordinal);
        Assert.Contains("[Migration(\"20990101000000_Probe\")]", metadata, StringComparison.Ordinal);
        Assert.DoesNotContain("BuildTargetModel", metadata, StringComparison.Ordinal);
    }

    /// <summary>What <c>dotnet ef</c> builds: EF's design-time services, the context's, then ours.</summary>
    private static ServiceProvider DesignTimeServices(DbContext db)
    {
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
        // What a provider's design-time services add; the relational one is enough for C# code.
        services.AddSingleton<IAnnotationCodeGenerator, AnnotationCodeGenerator>().AddSingleton<AnnotationCodeGeneratorDependencies>()
            .AddSingleton(db.GetService<ITypeMappingSource>())
            .AddSingleton(db.GetService<IRelationalTypeMappingSource>());
        new PortalDesignTimeServices().ConfigureDesignTimeServices(services);
        return services.BuildServiceProvider();
    }
}

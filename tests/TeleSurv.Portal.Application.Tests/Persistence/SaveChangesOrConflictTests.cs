using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Persistence;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Persistence;

public abstract class SaveChangesOrConflictTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_a_concurrency_conflict()
    {
        var establishment = TestData.Establishment();
        var patient = TestData.Patient("CONFLIT", "Test", new DateOnly(1970, 1, 1), establishment);
        var enrollment = TestData.Enrollment(patient, establishment);
        var alert = TestData.Alert(enrollment, AlertPriority.High, Host.Now.AddHours(2));
        await Host.InsertAsync(establishment, patient, enrollment, alert);

        await using var first = await Host.Database.Factory.CreateAsync();
        await using var second = await Host.Database.Factory.CreateAsync();
        var seenByFirst = await first.Alerts.FindAsync(alert.Id);
        var seenBySecond = await second.Alerts.FindAsync(alert.Id);
        seenByFirst!.Status = AlertStatus.InProgress;
        seenBySecond!.Status = AlertStatus.Escalated;

        await first.SaveChangesOrConflictAsync("The alert", CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => second.SaveChangesOrConflictAsync("The alert", CancellationToken.None));

        Assert.Equal(ConflictKind.Concurrency, conflict.Kind);
        Assert.StartsWith("The alert was changed by someone else", conflict.Message, StringComparison.Ordinal);
    }
}

public sealed class SaveChangesOrConflictSqliteTests(SqliteDatabaseFixture fixture) : SaveChangesOrConflictTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class SaveChangesOrConflictPostgresTests(PostgresDatabaseFixture fixture) : SaveChangesOrConflictTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class SaveChangesOrConflictSqlServerTests(SqlServerDatabaseFixture fixture) : SaveChangesOrConflictTests(fixture), IClassFixture<SqlServerDatabaseFixture>;

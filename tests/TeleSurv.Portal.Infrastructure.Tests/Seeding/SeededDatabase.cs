using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Seeding;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Infrastructure.Tests.Seeding;

/// <summary>A database seeded once with the demo data for a test class, and everything in it, read back.</summary>
public abstract class SeededDatabaseFixture(DatabaseProvider provider) : IAsyncLifetime
{
    /// <summary>A Wednesday morning in Paris.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 9, 30, 0, TimeSpan.Zero);

    private TestDatabase? _database;

    public DatabaseProvider Provider { get; } = provider;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public DemoSeedResult Result { get; private set; } = null!;

    public SeededData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        Result = await new DemoDataSeeder(_database.DbContextFactory, new SeedClock(Now)).SeedAsync(new DemoSeedOptions());
        Data = await SeededData.ReadAsync(_database);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteSeededDatabaseFixture() : SeededDatabaseFixture(DatabaseProvider.Sqlite);

public sealed class PostgresSeededDatabaseFixture() : SeededDatabaseFixture(DatabaseProvider.Postgres);

public sealed class SqlServerSeededDatabaseFixture() : SeededDatabaseFixture(DatabaseProvider.SqlServer);

/// <summary>Every row a seed wrote, with the seed day as the portal sees it.</summary>
public sealed class SeededData
{
    public required List<Establishment> Establishments { get; init; }

    public required List<StaffMember> Staff { get; init; }

    public required List<Patient> Patients { get; init; }

    public required List<Enrollment> Enrollments { get; init; }

    public required List<Questionnaire> Questionnaires { get; init; }

    public required List<QuestionnaireResponse> Responses { get; init; }

    public required List<Alert> Alerts { get; init; }

    public required List<TriageAction> Actions { get; init; }

    public required List<ExpectedLevel> ExpectedLevels { get; init; }

    public required List<PatientAccessLink> Links { get; init; }

    public static async Task<SeededData> ReadAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return new SeededData
        {
            Establishments = await db.Establishments.AsNoTracking().OrderBy(e => e.Id).ToListAsync(),
            Staff = await db.StaffMembers.AsNoTracking().OrderBy(s => s.Id).ToListAsync(),
            Patients = await db.Patients.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            Enrollments = await db.Enrollments.AsNoTracking().OrderBy(e => e.Id).ToListAsync(),
            Questionnaires = await db.Questionnaires.AsNoTracking().OrderBy(q => q.Id).ToListAsync(),
            Responses = await db.QuestionnaireResponses.AsNoTracking().OrderBy(r => r.Id).ToListAsync(),
            Alerts = await db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(),
            Actions = await db.TriageActions.AsNoTracking().OrderBy(t => t.Id).ToListAsync(),
            ExpectedLevels = await db.ExpectedLevels.AsNoTracking().OrderBy(l => l.Id).ToListAsync(),
            Links = await db.PatientAccessLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync(),
        };
    }

    public Establishment Establishment(string code) => Establishments.Single(e => e.Code == code);

    public StaffMember StaffMember(string login) => Staff.Single(s => s.Login == login);

    /// <summary>The seed day in the patients' time zone, and its first instant: nothing seeded happens after it.</summary>
    public static (DateOnly Today, DateTime Anchor) SeedDay(DateTimeOffset now)
    {
        var zone = new ScheduleOptions().ResolveTimeZone();
        var today = CalendarDay.Of(now.UtcDateTime, zone);
        return (today, CalendarDay.StartUtc(today, zone));
    }
}

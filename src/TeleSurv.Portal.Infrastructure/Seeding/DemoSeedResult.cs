namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>What a seed run inserted, and how long it took.</summary>
public sealed record DemoSeedResult
{
    /// <summary>False when the database already held data and nothing was inserted.</summary>
    public bool Seeded { get; init; }

    public int Establishments { get; init; }

    public int StaffMembers { get; init; }

    public int Patients { get; init; }

    public int Enrollments { get; init; }

    public int Responses { get; init; }

    public int Alerts { get; init; }

    /// <summary>Alerts not resolved at the seed day.</summary>
    public int UnresolvedAlerts { get; init; }

    public int TriageActions { get; init; }

    /// <summary>Every row inserted, owned rows (answers, findings, staff establishments) included.</summary>
    public int Rows { get; init; }

    public TimeSpan Elapsed { get; init; }

    public static DemoSeedResult NotSeeded(TimeSpan elapsed) => new() { Elapsed = elapsed };
}

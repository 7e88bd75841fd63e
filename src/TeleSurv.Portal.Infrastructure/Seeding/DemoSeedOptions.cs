namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>What the demo seed inserts (configuration section "Demo").</summary>
public sealed class DemoSeedOptions
{
    public const string SectionName = "Demo";

    /// <summary>Patients of the load data used by benchmarks (about ten historical alerts each).</summary>
    public const int LoadDataPatients = 20_000;

    /// <summary>Seed of every random draw: the same seed on the same day gives the same data.</summary>
    public int RandomSeed { get; set; } = 20_261_122;

    /// <summary>
    /// Patients generated beyond the demo cohort, for load tests (0 = the demo alone). Their histories go back up to a
    /// year; to stay quick, only the responses that raised an alert are stored.
    /// </summary>
    public int LoadPatients { get; set; }

    /// <summary>Rows (owned rows included) inserted per SaveChanges.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>The demo plus <see cref="LoadDataPatients"/> load patients.</summary>
    public static DemoSeedOptions LoadData(int patients = LoadDataPatients) => new() { LoadPatients = patients };

    /// <summary>Every problem with the values; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LoadPatients is < 0 or > 1_000_000)
        {
            problems.Add($"{SectionName}:{nameof(LoadPatients)} must be 0 to 1000000.");
        }

        if (BatchSize is < 100 or > 100_000)
        {
            problems.Add($"{SectionName}:{nameof(BatchSize)} must be 100 to 100000.");
        }

        return problems;
    }
}

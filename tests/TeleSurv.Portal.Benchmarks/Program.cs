using BenchmarkDotNet.Running;
using TeleSurv.Portal.Benchmarks.Queue;
using TeleSurv.Portal.Infrastructure.Persistence;

if (args is [QueueLoadDatabase.SeedSwitch, .. var providers])
{
    await QueueLoadDatabase.SeedAsync(providers.Length == 0 ? [DatabaseProvider.Sqlite, DatabaseProvider.Postgres] : providers.Select(Enum.Parse<DatabaseProvider>));
    return 0;
}

if (args is ["hl7-cpu-rate", .. var rest])
{
    return TeleSurv.Portal.Benchmarks.Hl7.Hl7CpuRate.Run(rest);
}

if (args is ["hl7-worst-frame"])
{
    return TeleSurv.Portal.Benchmarks.Hl7.Hl7WorstFrame.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

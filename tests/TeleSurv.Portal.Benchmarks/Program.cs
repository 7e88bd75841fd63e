using BenchmarkDotNet.Running;

if (args is ["hl7-cpu-rate", .. var rest])
{
    return TeleSurv.Portal.Benchmarks.Hl7.Hl7CpuRate.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

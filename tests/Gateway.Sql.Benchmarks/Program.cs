using BenchmarkDotNet.Running;
using Gateway.Sql.Benchmarks;

if (args is ["overhead", ..])
{
    TSqlOverhead.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

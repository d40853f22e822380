using BenchmarkDotNet.Running;

namespace Stampede.Benchmarks;

/// <summary>
/// Runs the benchmarks named on the command line:
/// <c>dotnet run -c Release --project bench/Stampede.Benchmarks -- --filter '*Trend*' --job short</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

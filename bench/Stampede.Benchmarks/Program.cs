using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Stampede.Benchmarks -- --filter '*Trend*'
BenchmarkSwitcher.FromAssembly(typeof(Stampede.Benchmarks.TrendRecordBenchmarks).Assembly).Run(args);

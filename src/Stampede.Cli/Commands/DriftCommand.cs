using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.History;
using Stampede.History.Analysis;

namespace Stampede.Cli.Commands;

/// <summary><c>stampede drift RUN --metric http_req_duration:p95</c>: soak analysis, is a figure trending over the run?</summary>
internal static class DriftCommand
{
    public static Command Create(IConsoleHost host)
    {
        var store = HistoryStoreOption.Create();
        var run = new Argument<string>("run") { Description = "A run id, 'last', or a result JSON file." };
        var metrics = new Option<string[]>("--metric", "-m") { Description = "METRIC[:FIGURE] to follow, e.g. http_req_duration:p95, http_reqs:rate, process_resident_memory_bytes. Repeatable. Default: p95 latency, throughput and the target's memory when monitored." };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit 98 when any figure drifts." };
        var command = new Command("drift", "Soak analysis: slope per hour and confidence of a trend in latency, throughput or memory over a run.") { run, metrics, failOnDrift, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var runs = StoredRuns.Open(host, parse.GetValue(store));
            if (await runs.LoadAsync(parse.GetValue(run)!, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                return runs.ExitCode;
            }

            var selectors = parse.GetValue(metrics) is { Length: > 0 } given ? given : ["http_req_duration:p95", "http_reqs:rate"];
            var results = new List<DriftResult>();
            foreach (var selector in selectors)
            {
                var (name, aggregation) = Aggregation.ParseSelector(selector);
                if (DriftAnalysis.Analyze(loaded.Result, name, aggregation) is { } drift)
                {
                    results.Add(drift);
                }
                else
                {
                    host.Out.WriteLine($"{selector}: not in this run");
                }
            }

            if (parse.GetValue(metrics) is not { Length: > 0 } && DriftAnalysis.AnalyzeMemory(loaded.Result) is { } memory)
            {
                results.Add(memory);
            }

            host.Out.WriteLine($"run {loaded.Label}");
            foreach (var drift in results)
            {
                host.Out.WriteLine($"  {drift.Metric}:{drift.Aggregation}: {drift.Describe()}");
            }

            var drifting = results.Any(r => r.Verdict is DriftVerdict.Increasing or DriftVerdict.Decreasing);
            return drifting && parse.GetValue(failOnDrift) ? ExitCodes.RegressionFound : ExitCodes.Ok;
        });
        return command;
    }
}

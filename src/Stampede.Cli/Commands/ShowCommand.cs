using System.CommandLine;
using System.Globalization;
using Stampede.Cli.Hosting;
using Stampede.History.Analysis;
using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli.Commands;

/// <summary><c>stampede show RUN</c>: a stored run's (or result file's) summary, with its anomalies and drift.</summary>
internal static class ShowCommand
{
    public static Command Create(IConsoleHost host)
    {
        var store = HistoryStoreOption.Create();
        var run = new Argument<string>("run") { Description = "A run id (see 'stampede history'), 'last', or a result JSON file." };
        var noColor = new Option<bool>("--no-color") { Description = "No colours." };
        var command = new Command("show", "Print a stored run's summary, anomalies (spikes, error bursts) and drift.") { run, store, noColor };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var runs = StoredRuns.Open(host, parse.GetValue(store));
            if (await runs.LoadAsync(parse.GetValue(run)!, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                return runs.ExitCode;
            }

            var result = loaded.Result;
            host.Out.WriteLine($"run {loaded.Label}");
            if (loaded.Summary is { } summary)
            {
                host.Out.WriteLine($"  verdict {summary.Verdict}, host {summary.Host}, stampede {summary.ToolVersion}{(summary.GitCommit is { } commit ? $", commit {commit}" : "")}");
            }

            await host.Out.WriteAsync(new ConsoleSummary(host.ColorAllowed && !parse.GetValue(noColor)).Render(result)).ConfigureAwait(false);
            host.Out.WriteLine();
            var anomalies = AnomalyDetector.Find(result);
            host.Out.WriteLine(anomalies.Count == 0 ? "  anomalies: none" : $"  anomalies: {anomalies.Count}");
            foreach (var anomaly in anomalies)
            {
                host.Out.WriteLine($"    {Describe(anomaly)}");
            }

            foreach (var drift in new[] { DriftAnalysis.Analyze(result, "http_req_duration", "p95"), DriftAnalysis.Analyze(result, "http_reqs", "rate"), DriftAnalysis.AnalyzeMemory(result) })
            {
                if (drift is not null && drift.Verdict != DriftVerdict.TooShort)
                {
                    host.Out.WriteLine($"  drift {drift.Metric}:{drift.Aggregation}: {drift.Describe()}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Describe(Anomaly anomaly)
    {
        var culture = CultureInfo.InvariantCulture;
        string Format(double value) => anomaly.Kind == AnomalyKind.ErrorBurst ? (value * 100).ToString("0.0", culture) + "%"
            : anomaly.Unit == MetricUnit.Time ? value.ToString("0.##", culture) + "ms"
            : value.ToString("0.#", culture) + "/s";
        var kind = anomaly.Kind switch
        {
            AnomalyKind.LatencySpike => "latency spike",
            AnomalyKind.ErrorBurst => "error burst",
            _ => "throughput drop",
        };
        return $"{kind,-15} {anomaly.Metric}:{anomaly.Aggregation} seconds {anomaly.StartSecond}–{anomaly.EndSecond} ({anomaly.Seconds}s): peak {Format(anomaly.Peak)} vs usual {Format(anomaly.Usual)}";
    }
}

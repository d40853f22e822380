using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Thresholds;

namespace Stampede.Cli.Coordination;

/// <summary>
/// A worker's output: keeps its running totals for the progress it sends each second, and its final result for the
/// coordinator. It only stores: the sending happens off the engine's tick, so a slow coordinator never delays it.
/// </summary>
/// <param name="selectors">The submetrics whose totals the coordinator judges; each second's are kept for the progress.</param>
internal sealed class ProgressReporter(IReadOnlyList<string>? selectors = null) : IOutput
{
    private readonly Lock _gate = new();
    private readonly List<(string Text, MetricSelector Selector)> _selectors = [.. (selectors ?? []).Select(text => (text, MetricSelector.Parse(text))).Where(p => p.Item2.Succeeded).Select(p => (p.text, p.Item2.Value!))];
    private IReadOnlyList<(string Selector, Metric Metric, SeriesTotals Totals)> _totals = [];
    private double _requests;
    private double _errors;
    private WorkerProgress _latest = new(0, 0, 0, 0);
    private RunResult? _result;
    private double? _latestEnd;

    /// <summary>The latest totals, with the submetrics' histograms encoded here, off the engine's tick.</summary>
    public WorkerProgress Latest
    {
        get
        {
            WorkerProgress latest;
            IReadOnlyList<(string Selector, Metric Metric, SeriesTotals Totals)> totals;
            lock (_gate)
            {
                latest = _latest;
                totals = _totals;
            }

            return totals.Count == 0 ? latest : latest with
            {
                Totals = [.. totals.Select(t => new SelectorTotals(
                    t.Selector, t.Metric.Kind, t.Metric.Unit, t.Totals.Count, t.Totals.Passes, t.Totals.Value, t.Totals.Min, t.Totals.Max, t.Totals.Sum,
                    t.Totals.Histogram is { TotalCount: > 0 } histogram ? HistogramCodec.Encode(histogram) : null))],
            };
        }
    }

    public RunResult? Result
    {
        get
        {
            lock (_gate)
            {
                return _result;
            }
        }
    }

    public void Start(RunInfo run)
    {
        lock (_gate)
        {
            _latestEnd = (run.Plan.Scenarios.Max(s => s.MaxEnd) + run.Plan.SetupTimeout + run.Plan.SetupTimeout).TotalSeconds;
            _latest = _latest with { LatestEnd = _latestEnd };
        }
    }

    public void OnSecond(LiveSnapshot snapshot)
    {
        // Merged here, as the engine's own threshold monitor does each second; MetricValues copies the histograms.
        var totals = new List<(string, Metric, SeriesTotals)>(_selectors.Count);
        foreach (var (text, selector) in _selectors)
        {
            var (redacted, _) = ThresholdMonitor.Redacted(selector, text, snapshot.Metrics.Redaction);
            if (snapshot.Metrics.Find(redacted.MetricName) is { } metric)
            {
                var series = snapshot.Metrics.SeriesOf(metric.Name).Where(s => redacted.Matches(s.Tags));
                totals.Add((text, metric, MetricValues.Of(metric, series, snapshot.Elapsed).AsTotals()));
            }
        }

        lock (_gate)
        {
            _requests += snapshot.RequestsLastSecond;
            _errors += snapshot.FailuresLastSecond;
            _latest = new WorkerProgress((long)Math.Round(_requests), (long)Math.Round(_errors), snapshot.Vus, snapshot.Scenarios.Sum(s => s.Iterations), _latestEnd);
            _totals = totals;
        }
    }

    public Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _result = result;
            var requests = result.Metric(BuiltinMetrics.HttpReqs.Name)?.Values.Count ?? _requests;
            var failed = result.Metric(BuiltinMetrics.HttpReqFailed.Name)?.Values.Passes ?? (long)_errors;
            _latest = new WorkerProgress((long)requests, failed, 0, result.Scenarios.Sum(s => s.Iterations), _latestEnd);
        }

        return Task.CompletedTask;
    }
}

using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli.Outputs;

/// <summary>
/// Live progress while a run goes: on a terminal a table redrawn each second (elapsed/total, VUs, iterations,
/// request rate, errors, a sparkline of request latency, and per scenario its progress and a sparkline of its
/// iterations' p95); elsewhere a plain line every few seconds, so CI logs stay readable.
/// </summary>
internal sealed class LiveProgress(IAnsiConsole console, TextWriter plain, bool interactive, TimeSpan plainEvery) : IOutput
{
    private readonly Lock _gate = new();
    private LiveSnapshot? _latest;
    private TimeSpan _expected;
    private TaskCompletionSource? _ended;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _live;
    private TimeSpan _lastPlain = TimeSpan.MinValue;
    private readonly LatencyHistory _requestLatency = new();
    private readonly Dictionary<string, LatencyHistory> _scenarioLatency = new(StringComparer.Ordinal);

    public void Start(RunInfo run)
    {
        _expected = run.ExpectedDuration;
        if (!interactive)
        {
            plain.WriteLine($"running {run.Plan.Name}: {run.Plan.Scenarios.Count} scenario(s), up to {Plans.Duration.Format(_expected)}");
            return;
        }

        _ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _live = console.Live(new Text("starting…")).AutoClear(false).StartAsync(async context =>
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    changed = _changed.Task;
                }

                if (await Task.WhenAny(changed, _ended.Task).ConfigureAwait(false) == _ended.Task)
                {
                    break;
                }

                LiveSnapshot? snapshot;
                lock (_gate)
                {
                    snapshot = _latest;
                }

                if (snapshot is not null)
                {
                    context.UpdateTarget(Render(snapshot));
                    context.Refresh();
                }
            }
        });
    }

    public void OnSecond(LiveSnapshot snapshot)
    {
        if (!interactive)
        {
            if (_lastPlain == TimeSpan.MinValue || snapshot.Elapsed - _lastPlain >= plainEvery)
            {
                _lastPlain = snapshot.Elapsed;
                plain.WriteLine(PlainLine(snapshot));
            }

            return;
        }

        lock (_gate)
        {
            RecordLatencies(snapshot);
            _latest = snapshot;
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    public async Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        if (_ended is null || _live is null)
        {
            return;
        }

        _ended.TrySetResult();
        await _live.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private string PlainLine(LiveSnapshot s)
    {
        var elapsed = Plans.Duration.Format(TimeSpan.FromSeconds(Math.Round(s.Elapsed.TotalSeconds)));
        var line = FormattableString.Invariant(
            $"[{elapsed}/{Plans.Duration.Format(_expected)}] vus={s.Vus}/{s.VusMax} iterations={s.Scenarios.Sum(x => x.Iterations)} reqs/s={s.RequestsLastSecond:0.#} errors/s={s.FailuresLastSecond:0.#}");
        if (DroppedArrivalsNotice.Live(s.Scenarios) is { } dropped)
        {
            line += " " + dropped;
        }

        return s.FailingThresholds.Count > 0 ? line + $" failing thresholds={s.FailingThresholds.Count}" : line;
    }

    /// <summary>Runs on the tick thread, right after the registry collected the second, so reading the last points is safe.</summary>
    private void RecordLatencies(LiveSnapshot snapshot)
    {
        var http = snapshot.Metrics.TimelineOf(BuiltinMetrics.HttpReqDuration);
        _requestLatency.Add(http is { Trends.Count: > 0 } && http.Trends[^1].Count > 0 ? http.Trends[^1].P95 : double.NaN);
        foreach (var scenario in snapshot.Scenarios)
        {
            if (!_scenarioLatency.ContainsKey(scenario.Name))
            {
                _scenarioLatency[scenario.Name] = new LatencyHistory();
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var series in snapshot.Metrics.SeriesOf(BuiltinMetrics.IterationDuration.Name).OfType<TrendSeries>())
        {
            if (series.Tags["scenario"] is { } name && _scenarioLatency.TryGetValue(name, out var history) && series.Points.Count > 0 && series.Points[^1].Count > 0 && seen.Add(name))
            {
                history.Add(series.Points[^1].P95);
            }
        }

        foreach (var (name, history) in _scenarioLatency)
        {
            if (!seen.Contains(name))
            {
                history.Add(double.NaN);
            }
        }
    }

    private IRenderable Render(LiveSnapshot s)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        string latency;
        Dictionary<string, string> scenarioLatency;
        lock (_gate)
        {
            latency = _requestLatency.Count == 0 ? "" : $"  p95 {Markup.Escape(_requestLatency.LastText)} [blue]{Markup.Escape(_requestLatency.Sparkline())}[/]";
            scenarioLatency = _scenarioLatency.ToDictionary(p => p.Key, p => $"{Markup.Escape(p.Value.LastText)} [blue]{Markup.Escape(p.Value.Sparkline())}[/]", StringComparer.Ordinal);
        }

        table.Title = new TableTitle($"[bold]{Math.Round(s.Elapsed.TotalSeconds)}s / {Plans.Duration.Format(_expected)}[/]  VUs {s.Vus}/{s.VusMax}  req/s {s.RequestsLastSecond:0.#}  errors/s {s.FailuresLastSecond:0.#}{latency}");
        table.AddColumns("scenario", "executor", "progress", "VUs", "iterations", "dropped", "p95 (30 s)");
        foreach (var scenario in s.Scenarios)
        {
            var fraction = scenario.Scheduled <= TimeSpan.Zero ? 0 : Math.Clamp(scenario.Elapsed / scenario.Scheduled, 0, 1);
            var bar = new string('█', (int)(fraction * 20)).PadRight(20, '░');
            var state = scenario.Finished ? "done" : scenario.Started ? $"{fraction:P0}" : "waiting";
            table.AddRow(
                Markup.Escape(scenario.Name), scenario.Executor, $"{bar} {state}",
                $"{scenario.ActiveVus}/{scenario.AllocatedVus}", scenario.Iterations.ToString(CultureInfo.InvariantCulture),
                scenario.Dropped > 0 ? $"[yellow]{scenario.Dropped}[/]" : "0",
                scenarioLatency.GetValueOrDefault(scenario.Name, ""));
        }

        var captions = new List<string>();
        if (DroppedArrivalsNotice.Live(s.Scenarios) is { } dropped)
        {
            captions.Add($"[yellow]{Markup.Escape(dropped)}[/]");
        }

        if (s.FailingThresholds.Count > 0)
        {
            captions.Add($"[red]failing: {Markup.Escape(string.Join("; ", s.FailingThresholds))}[/]");
        }

        if (captions.Count > 0)
        {
            table.Caption = new TableTitle(string.Join("  ", captions));
        }

        return table;
    }
}

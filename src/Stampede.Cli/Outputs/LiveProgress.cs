using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stampede.Outputs;
using Stampede.Metrics;

namespace Stampede.Cli.Outputs;

/// <summary>
/// Live progress while a run goes: on a terminal a table redrawn each second (elapsed/total, VUs, iterations,
/// request rate, errors, per scenario); elsewhere a plain line every few seconds, so CI logs stay readable.
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
        return s.FailingThresholds.Count > 0 ? line + $" failing thresholds={s.FailingThresholds.Count}" : line;
    }

    private IRenderable Render(LiveSnapshot s)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.Title = new TableTitle($"[bold]{Math.Round(s.Elapsed.TotalSeconds)}s / {Plans.Duration.Format(_expected)}[/]  VUs {s.Vus}/{s.VusMax}  req/s {s.RequestsLastSecond:0.#}  errors/s {s.FailuresLastSecond:0.#}");
        table.AddColumns("scenario", "executor", "progress", "VUs", "iterations", "dropped");
        foreach (var scenario in s.Scenarios)
        {
            var fraction = scenario.Scheduled <= TimeSpan.Zero ? 0 : Math.Clamp(scenario.Elapsed / scenario.Scheduled, 0, 1);
            var bar = new string('█', (int)(fraction * 20)).PadRight(20, '░');
            var state = scenario.Finished ? "done" : scenario.Started ? $"{fraction:P0}" : "waiting";
            table.AddRow(
                Markup.Escape(scenario.Name), scenario.Executor, $"{bar} {state}",
                $"{scenario.ActiveVus}/{scenario.AllocatedVus}", scenario.Iterations.ToString(CultureInfo.InvariantCulture),
                scenario.Dropped > 0 ? $"[yellow]{scenario.Dropped}[/]" : "0");
        }

        if (s.FailingThresholds.Count > 0)
        {
            table.Caption = new TableTitle($"[red]failing: {Markup.Escape(string.Join("; ", s.FailingThresholds))}[/]");
        }

        return table;
    }
}

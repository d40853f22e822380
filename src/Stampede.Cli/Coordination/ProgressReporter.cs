using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli.Coordination;

/// <summary>
/// A worker's output: keeps its running totals for the progress it sends each second, and its final result for the
/// coordinator. It only stores: the sending happens off the engine's tick, so a slow coordinator never delays it.
/// </summary>
internal sealed class ProgressReporter : IOutput
{
    private readonly Lock _gate = new();
    private double _requests;
    private double _errors;
    private WorkerProgress _latest = new(0, 0, 0, 0);
    private RunResult? _result;
    private double? _latestEnd;

    public WorkerProgress Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
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
        lock (_gate)
        {
            _requests += snapshot.RequestsLastSecond;
            _errors += snapshot.FailuresLastSecond;
            _latest = new WorkerProgress((long)Math.Round(_requests), (long)Math.Round(_errors), snapshot.Vus, snapshot.Scenarios.Sum(s => s.Iterations), _latestEnd);
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

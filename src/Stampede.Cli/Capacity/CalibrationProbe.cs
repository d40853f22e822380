using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli.Capacity;

/// <summary>
/// An output of the calibration run that reads the process's usage each second: CPU between the first second with
/// VUs and the last (so start-up and compilation before it do not count), memory at its peak against before the run.
/// </summary>
internal sealed class CalibrationProbe(IProcessProbe probe) : IOutput
{
    private readonly Lock _gate = new();
    private readonly ProcessUsage _before = probe.Read();
    private (ProcessUsage Usage, TimeSpan Elapsed)? _first;
    private (ProcessUsage Usage, TimeSpan Elapsed)? _last;
    private double _vuSeconds;
    private int _peakVus;
    private long _peakWorkingSet;
    private long _peakHeap;
    private long _iterations;

    public void Start(RunInfo run)
    {
    }

    public void OnSecond(LiveSnapshot snapshot)
    {
        if (snapshot.Vus <= 0)
        {
            return;
        }

        var usage = probe.Read();
        lock (_gate)
        {
            if (_last is { } last)
            {
                _vuSeconds += snapshot.Vus * (snapshot.Elapsed - last.Elapsed).TotalSeconds;
            }
            else
            {
                _first = (usage, snapshot.Elapsed);
            }

            _last = (usage, snapshot.Elapsed);
            _peakVus = Math.Max(_peakVus, snapshot.Vus);
            _peakWorkingSet = Math.Max(_peakWorkingSet, usage.WorkingSetBytes);
            _peakHeap = Math.Max(_peakHeap, usage.GcHeapBytes);
        }
    }

    public Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _iterations = result.Scenarios.Sum(s => s.Iterations);
        }

        return Task.CompletedTask;
    }

    /// <summary>What was measured, or null when the run had fewer than two seconds with VUs to measure between.</summary>
    public Calibration? Measure()
    {
        lock (_gate)
        {
            if (_first is not { } first || _last is not { } last || _vuSeconds <= 0 || _peakVus == 0)
            {
                return null;
            }

            var cpu = (last.Usage.CpuTime - first.Usage.CpuTime).TotalSeconds;
            return new Calibration(
                _peakVus,
                _vuSeconds,
                Math.Max(cpu, 0) / _vuSeconds,
                Math.Max(_peakWorkingSet - _before.WorkingSetBytes, 0) / (double)_peakVus,
                Math.Max(_peakHeap - _before.GcHeapBytes, 0) / (double)_peakVus,
                _iterations);
        }
    }
}

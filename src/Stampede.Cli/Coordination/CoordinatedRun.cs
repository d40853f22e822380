using System.Globalization;
using Stampede.Metrics;
using Stampede.Plans;

namespace Stampede.Cli.Coordination;

/// <summary>
/// What a coordinator knows of its run: who joined with which segment, when the run starts, each worker's latest
/// totals and its result, and which shares are lost. Every worker gets the next segment of an evenly split sequence;
/// the start is set once the last one joins, <paramref name="startDelay"/> ahead so every worker can load its plan.
/// </summary>
/// <param name="planFile">The plan's file name, handed to the workers.</param>
/// <param name="planText">The plan's text.</param>
/// <param name="env">The <c>--env</c> values handed to the workers.</param>
/// <param name="workers">How many workers share the run.</param>
/// <param name="time">The clock.</param>
/// <param name="joinTimeout">How long to wait for every worker to join.</param>
/// <param name="lostAfter">How long a worker without a result may stay silent before its share is lost.</param>
/// <param name="startDelay">How far ahead of the last join the start is set.</param>
internal sealed class CoordinatedRun(string planFile, string planText, IReadOnlyList<string> env, int workers, TimeProvider time, TimeSpan joinTimeout, TimeSpan lostAfter, TimeSpan startDelay)
{
    private readonly Lock _gate = new();
    private readonly List<CoordinatedWorker> _workers = [];
    private readonly ExecutionSegmentSequence _sequence = EvenSplit(workers);
    private readonly DateTimeOffset _opened = time.GetUtcNow();
    private DateTimeOffset? _startAt;
    private string? _error;

    public int Expected => workers;

    public ExecutionSegmentSequence Sequence => _sequence;

    /// <summary>When the workers start; null until every one has joined.</summary>
    public DateTimeOffset? StartAt
    {
        get
        {
            lock (_gate)
            {
                return _startAt;
            }
        }
    }

    /// <summary>Why the run cannot go on (not every worker joined in time), or null.</summary>
    public string? Error
    {
        get
        {
            lock (_gate)
            {
                return _error;
            }
        }
    }

    /// <summary>True once every worker has reported its result or been given up as lost.</summary>
    public bool Finished
    {
        get
        {
            lock (_gate)
            {
                return _startAt is not null && _workers.All(w => w.Done);
            }
        }
    }

    /// <summary><c>0,1/N,…,1</c>: N equal segments, so each worker's share is a whole one of them.</summary>
    public static ExecutionSegmentSequence EvenSplit(int count) =>
        ExecutionSegmentSequence.Parse(string.Join(",", Enumerable.Range(0, count + 1).Select(i => i == 0 ? "0" : i == count ? "1" : string.Create(CultureInfo.InvariantCulture, $"{i}/{count}"))));

    /// <summary>
    /// Hands a joining worker the segment it asks for (<paramref name="index"/>, from 0), or the first one free;
    /// null (with the reason) when that segment is taken, every segment is, or the wait is over.
    /// </summary>
    public WorkerAssignment? Join(string name, out string? refusal, int? index = null)
    {
        lock (_gate)
        {
            if (_error is not null || _workers.Count >= workers)
            {
                refusal = _error ?? $"all {workers} workers have joined this run";
                return null;
            }

            var taken = _workers.Select(w => w.Index).ToHashSet();
            if (index is { } asked && (asked < 0 || asked >= workers || taken.Contains(asked)))
            {
                refusal = asked < 0 || asked >= workers
                    ? $"segment index {asked} is not one of this run's 0 to {workers - 1}"
                    : $"segment index {asked} ({_sequence.Segments[asked]}) is taken by worker {_workers.First(w => w.Index == asked).Name}";
                return null;
            }

            var slot = index ?? Enumerable.Range(0, workers).First(i => !taken.Contains(i));
            var unique = _workers.Any(w => w.Name == name) ? $"{name}#{_workers.Count + 1}" : name;
            var worker = new CoordinatedWorker((_workers.Count + 1).ToString(CultureInfo.InvariantCulture), unique, _sequence.Segments[slot].ToString(), slot)
            {
                LastContact = time.GetUtcNow(),
            };
            _workers.Add(worker);
            if (_workers.Count == workers)
            {
                _startAt = time.GetUtcNow() + startDelay;
            }

            refusal = null;
            return new WorkerAssignment(worker.Id, worker.Name, worker.Segment, _sequence.ToString(), planFile, planText, env);
        }
    }

    /// <summary>When to start, as a worker polls for it; null for a worker that never joined.</summary>
    public StartSignal? Start(string id)
    {
        lock (_gate)
        {
            if (Touch(id) is null)
            {
                return null;
            }

            return new StartSignal(_startAt, _error, _workers.Count, workers);
        }
    }

    public bool Progress(string id, WorkerProgress progress)
    {
        lock (_gate)
        {
            if (Touch(id) is not { } worker)
            {
                return false;
            }

            worker.Progress = progress;
            return true;
        }
    }

    public bool Result(string id, RunResult result)
    {
        lock (_gate)
        {
            if (Touch(id) is not { } worker)
            {
                return false;
            }

            // A result that arrives after its share was given up is still the truth: the share is no longer lost.
            worker.Result = result;
            worker.Lost = null;
            return true;
        }
    }

    public bool Failed(string id, string message)
    {
        lock (_gate)
        {
            if (Touch(id) is not { } worker)
            {
                return false;
            }

            worker.Lost ??= $"failed: {message}";
            return true;
        }
    }

    /// <summary>
    /// Called each second: ends the wait for workers when it is over, and gives up each worker that has been silent
    /// for too long without its result. Returns what changed, for the coordinator to report.
    /// </summary>
    public IReadOnlyList<string> Check()
    {
        var now = time.GetUtcNow();
        var events = new List<string>();
        lock (_gate)
        {
            if (_startAt is null && _error is null && now - _opened > joinTimeout)
            {
                _error = $"only {_workers.Count} of {workers} workers joined within {Duration.Format(joinTimeout)}";
                events.Add(_error);
            }

            if (_startAt is null)
            {
                return events;
            }

            // Before the start, workers have nothing to say: silence counts from the later of the start and their last word.
            var start = _startAt.Value;
            foreach (var worker in _workers.Where(w => !w.Done))
            {
                if (now - (worker.LastContact > start ? worker.LastContact : start) > lostAfter)
                {
                    worker.Lost = $"no word from it for {Duration.Format(lostAfter)}";
                }
                else if (worker.Progress.LatestEnd is { } end && now - start - TimeSpan.FromSeconds(end) > lostAfter)
                {
                    // Still talking, but past the latest its share could end: a hung run must not hold the others' result.
                    worker.Lost = $"no result {Duration.Format(lostAfter)} after the latest its share could end";
                }
                else
                {
                    continue;
                }

                events.Add($"worker {worker} lost: {worker.Lost}; its share is missing from the result");
            }
        }

        return events;
    }

    /// <summary>Gives up every worker still without a result (the coordinator was told to stop).</summary>
    public void Abandon(string reason)
    {
        lock (_gate)
        {
            foreach (var worker in _workers.Where(w => !w.Done))
            {
                worker.Lost = reason;
            }
        }
    }

    /// <summary>The merged totals of the workers' latest progress.</summary>
    public (int Joined, int Reported, WorkerProgress Total) Totals()
    {
        lock (_gate)
        {
            return (_workers.Count, _workers.Count(w => w.Result is not null), new WorkerProgress(
                _workers.Sum(w => w.Progress.Requests), _workers.Sum(w => w.Progress.Errors), _workers.Sum(w => w.Progress.Vus), _workers.Sum(w => w.Progress.Iterations)));
        }
    }

    /// <summary>Each worker as it ended: its result, or why its share is lost.</summary>
    public IReadOnlyList<(string Name, string Segment, RunResult? Result, string? Lost)> Outcomes()
    {
        lock (_gate)
        {
            return [.. _workers.Select(w => (w.Name, w.Segment, w.Result, w.Lost))];
        }
    }

    private CoordinatedWorker? Touch(string id)
    {
        var worker = _workers.Find(w => w.Id == id);
        if (worker is not null)
        {
            worker.LastContact = time.GetUtcNow();
        }

        return worker;
    }
}

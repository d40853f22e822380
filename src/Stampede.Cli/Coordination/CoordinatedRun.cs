using System.Globalization;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Thresholds;

namespace Stampede.Cli.Coordination;

/// <summary>
/// What a coordinator knows of its run: who joined with which segment, when the run starts, each worker's latest
/// totals and its result, and which shares are lost. Every worker gets the next segment of an evenly split sequence;
/// the start is set once the last one joins, <paramref name="startDelay"/> ahead so every worker can load its plan.
/// A plan with setup has the first worker run it once for all, once every worker has joined: the start is set when
/// its data arrives, and goes to the others with it. That worker also runs teardown, once every other one is done.
/// The plan's <c>abortOnFail</c> thresholds are judged each second on every worker's totals together: one that
/// fails (after its <c>delayAbortEval</c>) stops every worker, which a share judged alone could not decide.
/// </summary>
/// <param name="plan">The plan as the workers get it.</param>
/// <param name="workers">How many workers share the run.</param>
/// <param name="time">The clock.</param>
/// <param name="joinTimeout">How long to wait for every worker to join.</param>
/// <param name="lostAfter">How long a worker without a result may stay silent before its share is lost.</param>
/// <param name="startDelay">How far ahead of the last join (or of setup's end) the start is set.</param>
internal sealed class CoordinatedRun(CoordinatedPlan plan, int workers, TimeProvider time, TimeSpan joinTimeout, TimeSpan lostAfter, TimeSpan startDelay)
{
    private readonly Lock _gate = new();
    private readonly List<(ThresholdPlan Plan, ThresholdTracker Tracker)> _aborts = [.. plan.Thresholds.Where(t => t.AbortOnFail)
        .Select(t => (Plan: t, Expression: ThresholdExpression.Parse(t.Expression)))
        .Where(t => t.Expression.Succeeded)
        .Select(t => (t.Plan, new ThresholdTracker(new ThresholdRule(t.Expression.Value!, AbortOnFail: true, t.Plan.DelayAbortEval))))];
    private string? _stop;

    // Set up for all: every worker has joined and the first is running setup; the start waits for its data.
    private bool _setupPending;
    private string? _setupData;
    private readonly List<CoordinatedWorker> _workers = [];
    private readonly ExecutionSegmentSequence _sequence = EvenSplit(workers);
    private readonly DateTimeOffset _opened = time.GetUtcNow();
    private DateTimeOffset? _startAt;
    private string? _error;

    /// <summary>The worker that runs setup and teardown for all: the first to join.</summary>
    public const string LifecycleWorker = "1";

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
            if (_workers.Count == workers && plan.HasSetup)
            {
                _setupPending = true;
            }
            else if (_workers.Count == workers)
            {
                _startAt = time.GetUtcNow() + startDelay;
            }

            refusal = null;
            IReadOnlyList<string>? selectors = _aborts.Count == 0 ? null : [.. _aborts.Select(a => a.Plan.Selector).Distinct(StringComparer.Ordinal)];
            var lifecycle = !plan.HasSetup && !plan.HasTeardown ? null : worker.Id == LifecycleWorker ? LifecycleRoles.ForAll : LifecycleRoles.Elsewhere;
            return new WorkerAssignment(worker.Id, worker.Name, worker.Segment, _sequence.ToString(), plan.File, plan.Text, plan.Env, selectors, plan.Files, lifecycle);
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

            return new StartSignal(_startAt, _error, _workers.Count, workers, RunSetup: _setupPending && id == LifecycleWorker, SetupData: _startAt is null ? null : _setupData);
        }
    }

    /// <summary>
    /// Takes setup's outcome from the worker that ran it: its data sets the start, its failure ends the run before
    /// any other worker starts. False for any other worker, or when no setup was awaited.
    /// </summary>
    public bool SetupDone(string id, SetupOutcome outcome)
    {
        lock (_gate)
        {
            if (id != LifecycleWorker || !_setupPending || Touch(id) is not { } worker)
            {
                return false;
            }

            _setupPending = false;
            if (outcome.Error is { } error)
            {
                _error = $"setup failed on worker {worker}: {error}";
            }
            else
            {
                _setupData = outcome.Data;
                _startAt = time.GetUtcNow() + startDelay;
            }

            return true;
        }
    }

    /// <summary>Whether the worker that tears down for all may now: once every other worker has its result in or is lost.</summary>
    public TeardownSignal? Teardown(string id)
    {
        lock (_gate)
        {
            if (id != LifecycleWorker || Touch(id) is null)
            {
                return null;
            }

            return new TeardownSignal(_workers.Where(w => w.Id != id).All(w => w.Done));
        }
    }

    /// <summary>Why every worker must stop (an <c>abortOnFail</c> threshold failed on the merged totals), or null.</summary>
    public string? StopReason
    {
        get
        {
            lock (_gate)
            {
                return _stop;
            }
        }
    }

    /// <summary>Takes a worker's totals; the answer tells it to stop when the run must. Null for a worker that never joined.</summary>
    public ProgressAnswer? Progress(string id, WorkerProgress progress)
    {
        lock (_gate)
        {
            if (Touch(id) is not { } worker)
            {
                return null;
            }

            worker.Progress = progress;
            return new ProgressAnswer(_stop);
        }
    }

    /// <summary>Each <c>abortOnFail</c> threshold as the coordinator judged it on the merged totals.</summary>
    public IReadOnlyList<(ThresholdPlan Plan, bool Aborted, double? FirstFailedAt)> AbortJudgements()
    {
        lock (_gate)
        {
            return [.. _aborts.Select(a => (a.Plan, a.Tracker.ShouldAbort, a.Tracker.FirstFailedAt?.TotalSeconds))];
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
            if (_setupPending && _error is null && _workers.Find(w => w.Id == LifecycleWorker) is { } setter && now - setter.LastContact > lostAfter)
            {
                _error = $"worker {setter}, which runs setup for every worker, was lost: no word from it for {Duration.Format(lostAfter)}";
                events.Add(_error);
            }

            if (_startAt is null && !_setupPending && _error is null && now - _opened > joinTimeout)
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
            JudgeAborts(now - start, events);
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

    /// <summary>
    /// Stops every worker from outside (the fleet's dashboard): each hears it with its next progress, as with an
    /// <c>abortOnFail</c>. False when the run is already stopping.
    /// </summary>
    public bool RequestStop(string reason)
    {
        lock (_gate)
        {
            if (_stop is not null)
            {
                return false;
            }

            _stop = reason;
            return true;
        }
    }

    /// <summary>Each worker now, in the order they joined: its name, segment, latest progress, and whether it handed in its result or was lost.</summary>
    public IReadOnlyList<(string Name, string Segment, WorkerProgress Progress, string State)> Workers()
    {
        lock (_gate)
        {
            return [.. _workers.Select(w => (w.Name, w.Segment, w.Progress, w.Result is not null ? "finished" : w.Lost is not null ? "lost" : _startAt is null ? "waiting" : "running"))];
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

    /// <summary>
    /// Judges the <c>abortOnFail</c> thresholds on every worker's latest totals (those that ended keep their last):
    /// exact, since counts, passes and HDR histograms add up.
    /// </summary>
    private void JudgeAborts(TimeSpan elapsed, List<string> events)
    {
        if (elapsed < TimeSpan.Zero)
        {
            return;
        }

        foreach (var (plan, tracker) in _aborts)
        {
            var parts = _workers.SelectMany(w => w.Progress.Totals ?? []).Where(t => t.Selector == plan.Selector).ToList();
            var outcome = parts.Count == 0
                ? ThresholdOutcome.NoData
                : MergedThresholds.Evaluate(tracker.Rule.Expression, parts[0].Kind, parts[0].Unit, parts.Select(Totals), elapsed.TotalSeconds).Outcome;
            if (tracker.Observe(elapsed, outcome) && _stop is null)
            {
                _stop = $"threshold {plan.Selector} '{plan.Expression}' failed on every worker's results together and has abortOnFail";
                events.Add($"stopping every worker: {_stop}");
            }
        }
    }

    private static SeriesTotals Totals(SelectorTotals part) => new(
        part.Count, part.Passes, part.Value, part.Min, part.Max, part.Sum, part.Histogram is { } encoded ? HistogramCodec.Decode(encoded) : null);

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

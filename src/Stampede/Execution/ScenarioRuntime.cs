using System.Collections.Concurrent;
using Stampede.Metrics;
using Stampede.Plans;

namespace Stampede.Execution;

/// <summary>
/// One scenario while it runs: its VUs, its stop signals and the iteration runner every executor shares.
/// Soft stop (time is up, or a graceful stop of the run) means "start no more iterations"; hard stop, which follows
/// after <see cref="ScenarioPlan.GracefulStop"/>, interrupts the ones still running.
/// </summary>
internal sealed class ScenarioRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _soft;
    private readonly CancellationTokenSource _hard;
    private readonly ConcurrentStack<VirtualUser> _idle = new();
    private readonly ConcurrentQueue<VirtualUser> _all = new();
    private readonly CounterSeries _iterations;
    private readonly TrendSeries _iterationDuration;
    private readonly TrendSeries _lateness;
    private readonly TrendSeries _responseTime;
    private readonly List<IDisposable> _registrations = [];
    private int _allocated;
    private int _active;
    private long _nextIteration = -1;
    private int _inFlight;
    private long _completed;
    private long _failed;
    private long _interrupted;
    private TaskCompletionSource? _drained;

    public ScenarioRuntime(RunContext run, ScenarioPlan plan)
    {
        Run = run;
        Plan = plan;
        Tags = run.BaseTags.With(TagSet.From(plan.Tags)).With("scenario", plan.Name);
        var env = new Dictionary<string, string>(run.Plan.Env, StringComparer.Ordinal);
        foreach (var (key, value) in plan.Env)
        {
            env[key] = value;
        }

        Env = env;
        _soft = new CancellationTokenSource(Timeout.InfiniteTimeSpan, run.Time);
        _hard = new CancellationTokenSource(Timeout.InfiniteTimeSpan, run.Time);
        var registry = run.Registry;
        _iterations = registry.Counter(BuiltinMetrics.Iterations, Tags);
        _iterationDuration = registry.Trend(BuiltinMetrics.IterationDuration, Tags);
        _lateness = registry.Trend(BuiltinMetrics.IterationLateness, Tags);
        _responseTime = registry.Trend(BuiltinMetrics.IterationResponseTime, Tags);
        Dropped = registry.Counter(BuiltinMetrics.DroppedIterations, Tags);
    }

    /// <summary>
    /// This segment's places among the scenario's iterations (shared iterations) and arrivals (arrival rates), so
    /// that <see cref="VuContext.IterationInScenario"/> numbers iterations across every segment of a distributed
    /// run, as k6's <c>iterationInTest</c> does. Whole (the plan's own numbering) without segments.
    /// </summary>
    public IterationStripe Stripe
    {
        get => _stripe ?? IterationStripe.Whole;
        init => _stripe = value.IsWhole ? null : value;
    }

    /// <summary>This segment's places among a ramping-vus scenario's VUs; whole without segments.</summary>
    public IterationStripe VuStripe { get; init; } = IterationStripe.Whole;

    /// <summary>False when this segment's share of the scenario is nothing: it then starts no VU at all.</summary>
    public bool HasWork { get; init; } = true;

    private readonly IterationStripe? _stripe;

    /// <summary>Arrivals waiting for a free VU, when the scenario queues them rather than dropping them.</summary>
    private Executors.ArrivalBacklog? _backlog;

    /// <summary>The most VUs an arrival may take (arrival-rate executors).</summary>
    private int _maxVus;

    public RunContext Run { get; }

    public ScenarioPlan Plan { get; }

    public TagSet Tags { get; }

    public IReadOnlyDictionary<string, string> Env { get; }

    public CounterSeries Dropped { get; }

    /// <summary>Cancelled when no more iterations may start.</summary>
    public CancellationToken SoftStop => _soft.Token;

    /// <summary>Cancelled when running iterations must be interrupted.</summary>
    public CancellationToken HardStop => _hard.Token;

    public long StartTimestamp { get; private set; }

    public int AllocatedVus => Volatile.Read(ref _allocated);

    public int ActiveVus => Volatile.Read(ref _active);

    public long CompletedIterations => Interlocked.Read(ref _completed);

    public long FailedIterations => Interlocked.Read(ref _failed);

    public long InterruptedIterations => Interlocked.Read(ref _interrupted);

    public long DroppedIterations => (long)Dropped.Total;

    /// <summary>Starts the clock: soft stop after the executor's duration (or on a graceful stop of the run), hard stop a gracefulStop later.</summary>
    public void Start()
    {
        StartTimestamp = Run.Time.GetTimestamp();
        _registrations.Add(_soft.Token.Register(static state =>
        {
            var self = (ScenarioRuntime)state!;
            if (self.Plan.GracefulStop == TimeSpan.Zero)
            {
                self._hard.Cancel();
            }
            else
            {
                self._hard.CancelAfter(self.Plan.GracefulStop);
            }
        }, this));
        _registrations.Add(Run.Control.Graceful.Register(static state => ((ScenarioRuntime)state!)._soft.Cancel(), this));
        _registrations.Add(Run.Control.Hard.Register(static state =>
        {
            var self = (ScenarioRuntime)state!;
            self._soft.Cancel();
            self._hard.Cancel();
        }, this));
        _soft.CancelAfter(Plan.Executor.ScheduledDuration);
    }

    /// <summary>Time since this scenario started.</summary>
    public TimeSpan Elapsed => Run.Time.GetElapsedTime(StartTimestamp);

    /// <summary>Ends the scenario's schedule early (e.g. all shared iterations are done).</summary>
    public void FinishSchedule() => _soft.Cancel();

    public VirtualUser CreateVu()
    {
        var vu = new VirtualUser(this, Run.NextVuId(), Interlocked.Increment(ref _allocated)) { CancellationToken = HardStop };
        _all.Enqueue(vu);
        return vu;
    }

    /// <summary>Takes an idle VU for an arrival, creating one while fewer than <paramref name="maxVus"/> exist; null when none can be had.</summary>
    public VirtualUser? TakeIdleVu(int maxVus)
    {
        if (_idle.TryPop(out var vu))
        {
            return vu;
        }

        return AllocatedVus < maxVus ? CreateVu() : null;
    }

    public void ReturnIdleVu(VirtualUser vu) => _idle.Push(vu);

    /// <summary>
    /// Starts arrival-rate iterations from now on: each on a free VU (creating VUs up to the options' <c>maxVUs</c>);
    /// with <paramref name="options"/> asking to queue, an arrival that finds none waits in a backlog for the next VU
    /// to free, otherwise it is dropped. Waiting arrivals still start after the scenario's time is up, until its
    /// graceful stop ends; those left then are dropped.
    /// </summary>
    public void PrepareArrivals(Plans.Executors.ArrivalRateOptions options)
    {
        _maxVus = options.PeakVus;
        if (options.Overflow != Plans.Executors.ArrivalOverflow.Queue)
        {
            return;
        }

        var backlog = new Executors.ArrivalBacklog(options.MaxQueued, options.MaxQueueWait, Run.Time, Dropped,
            Run.Registry.Counter(BuiltinMetrics.QueuedIterations, Tags));
        _backlog = backlog;
        _registrations.Add(HardStop.Register(static state =>
        {
            var self = (ScenarioRuntime)state!;
            var dropped = self._backlog!.DropAll();
            for (var i = 0; i < dropped; i++)
            {
                self.EndInFlight();
            }
        }, this));
    }

    /// <summary>Starts the arrival due at <paramref name="due"/> on a free VU, queues it, or counts it dropped (or, paused, skips it).</summary>
    public void Arrive(long due)
    {
        // A paused run starts nothing: an arrival due meanwhile is skipped, neither queued nor counted as dropped.
        if (Run.Control.Paused)
        {
            Run.Control.SkipArrival();
            return;
        }

        if (_backlog is { } backlog)
        {
            // First in, first out: while others wait, a new arrival waits behind them.
            if (backlog.Count == 0 && TakeIdleVu(_maxVus) is { } free)
            {
                StartArrival(free, due);
                return;
            }

            // Counted in flight before it is queued: a VU may take it and finish it before this line returns.
            BeginDispatch();
            if (backlog.TryAdd(due))
            {
                StartQueued();
            }
            else
            {
                EndInFlight();
                Dropped.Add(1);
            }

            return;
        }

        if (TakeIdleVu(_maxVus) is { } vu)
        {
            StartArrival(vu, due);
        }
        else
        {
            Dropped.Add(1);
        }
    }

    private void StartArrival(VirtualUser vu, long due)
    {
        vu.IterationInScenario = NextIterationIndex();
        BeginDispatch();
        vu.Dispatch(due);
    }

    /// <summary>
    /// Hands waiting arrivals to idle VUs. A VU that ends its iteration takes the next waiting arrival itself; this
    /// covers the race where the scheduler queues an arrival just after that VU found the backlog empty and went idle.
    /// </summary>
    private void StartQueued()
    {
        var backlog = _backlog!;
        while (backlog.Count > 0 && !HardStop.IsCancellationRequested && TakeIdleVu(_maxVus) is { } vu)
        {
            if (!backlog.TryTake(out var due, EndInFlight))
            {
                ReturnIdleVu(vu);
                return;
            }

            vu.IterationInScenario = NextIterationIndex();
            vu.Dispatch(due);
        }
    }

    /// <summary>
    /// Creates <paramref name="count"/> idle VUs before the scenario's clock starts, each with a connection open to
    /// the plan's base URL, as wrk2 opens its connections before its schedule starts. Otherwise the first arrivals
    /// each take a fresh VU that must first connect, and at 20,000 arrivals a second connecting one VU (about
    /// 50 µs on loopback) takes as long as the gap to the next arrival: the schedule falls behind, more fresh VUs
    /// are taken, and the more VUs a plan allows the more arrivals are dropped.
    /// </summary>
    public async Task PrepareIdleVusAsync(int count)
    {
        var vus = new VirtualUser[count];
        for (var i = 0; i < count; i++)
        {
            vus[i] = CreateVu();
        }

        // Without a base URL there is nothing to connect to ahead, and no VU should carry an HTTP client it may never use.
        if (Run.Plan.BaseUrl is not null)
        {
            // Bounded: thousands of TLS handshakes at once would only queue in the target's accept backlog.
            var options = new ParallelOptions { MaxDegreeOfParallelism = 64 };
            await Parallel.ForEachAsync(vus, options, async (vu, _) =>
                await vu.Context.Http.PreconnectAsync(Run.Control.Graceful).ConfigureAwait(false)).ConfigureAwait(false);
        }

        foreach (var vu in vus)
        {
            ReturnIdleVu(vu);
        }
    }

    public long NextIterationIndex()
    {
        var local = Interlocked.Increment(ref _nextIteration);
        return _stripe is null ? local : _stripe.Global(local);
    }

    /// <summary>Runs iterations on <paramref name="vu"/> back to back while <paramref name="claim"/> grants one and no stop asks otherwise.</summary>
    public async Task RunLoopAsync(VirtualUser vu, Func<bool> claim)
    {
        Interlocked.Increment(ref _active);
        Run.ActiveVus.Enter();
        try
        {
            while (!SoftStop.IsCancellationRequested && vu.Retire?.IsCancellationRequested != true)
            {
                if (Run.Control.Paused)
                {
                    await WhilePausedAsync(vu).ConfigureAwait(false);
                    continue;
                }

                if (!claim())
                {
                    break;
                }

                vu.IterationInScenario = NextIterationIndex();
                if (await RunIterationAsync(vu, 0).ConfigureAwait(false) == IterationOutcome.Interrupted)
                {
                    break;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            Run.ActiveVus.Leave();
        }
    }

    /// <summary>A VU waits out a pause; the scenario's end or the VU's retirement ends the wait.</summary>
    private async Task WhilePausedAsync(VirtualUser vu)
    {
        using var stop = vu.Retire is { } retire ? CancellationTokenSource.CreateLinkedTokenSource(SoftStop, retire.Token) : null;
        try
        {
            await Run.Control.WhilePausedAsync(stop?.Token ?? SoftStop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the loop's condition says what ended the wait
        }
    }

    /// <summary>An arrival-rate iteration that <see cref="VirtualUser.Dispatch"/> started is running.</summary>
    public void BeginDispatched()
    {
        Interlocked.Increment(ref _active);
        Run.ActiveVus.Enter();
    }

    /// <summary>
    /// A dispatched iteration ended. When arrivals wait in the backlog the VU takes the oldest: the result is its
    /// scheduled start, and the caller runs it on this VU. Otherwise the VU goes back to the idle pool and the result
    /// is null.
    /// </summary>
    public long? EndDispatched(VirtualUser vu)
    {
        Interlocked.Decrement(ref _active);
        Run.ActiveVus.Leave();
        if (_backlog is { Count: > 0 } backlog && !HardStop.IsCancellationRequested && backlog.TryTake(out var due, EndInFlight))
        {
            // The queued arrival was counted in flight when it was queued; the one that ended leaves.
            vu.IterationInScenario = NextIterationIndex();
            EndInFlight();
            return due;
        }

        ReturnIdleVu(vu);
        EndInFlight();
        if (_backlog is { Count: > 0 })
        {
            StartQueued();
        }

        return null;
    }

    private void EndInFlight()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            Volatile.Read(ref _drained)?.TrySetResult();
        }
    }

    /// <summary>Counts an arrival about to be dispatched, so <see cref="DrainAsync"/> can wait for it.</summary>
    public void BeginDispatch() => Interlocked.Increment(ref _inFlight);

    /// <summary>Waits until every dispatched iteration has ended.</summary>
    public Task DrainAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            drained.TrySetResult();
        }

        return drained.Task;
    }

    /// <summary>Runs one iteration and records <c>iterations</c> and <c>iteration_duration</c> (and, for arrivals, lateness and the wrk2-style response time).</summary>
    /// <remarks>Its state lives through the iteration's think time; pooled, it is reused rather than left to die old.</remarks>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IterationOutcome> RunIterationAsync(VirtualUser vu, long scheduledTimestamp)
    {
        var time = Run.Time;
        var start = time.GetTimestamp();
        vu.Iteration++;
        IterationOutcome outcome;
        try
        {
            await Plan.Iteration(vu.Context).ConfigureAwait(false);
            // Protocols answer a stop with a cancelled result rather than an exception, so an iteration cut short by
            // the hard stop can return normally; it did not finish its work, and k6 does not count it either.
            outcome = vu.CancellationToken.IsCancellationRequested ? IterationOutcome.Interrupted : IterationOutcome.Completed;
        }
        catch (OperationCanceledException) when (vu.CancellationToken.IsCancellationRequested)
        {
            outcome = IterationOutcome.Interrupted;
        }
        catch (IterationAbortedException)
        {
            outcome = IterationOutcome.Completed;
        }
        catch (Exception exception)
        {
            Run.Errors.Record(Plan.Name, exception);
            outcome = IterationOutcome.Failed;
        }
        finally
        {
            vu.SetGroup("");
        }

        var end = time.GetTimestamp();
        switch (outcome)
        {
            case IterationOutcome.Interrupted:
                // k6 leaves interrupted iterations out of iterations and iteration_duration: they did not finish.
                Interlocked.Increment(ref _interrupted);
                return outcome;
            case IterationOutcome.Failed:
                Interlocked.Increment(ref _failed);
                break;
            default:
                Interlocked.Increment(ref _completed);
                break;
        }

        _iterations.Add(1);
        _iterationDuration.Record(time.GetElapsedTime(start, end));
        if (scheduledTimestamp != 0)
        {
            _lateness.Record(time.GetElapsedTime(scheduledTimestamp, start));
            _responseTime.Record(time.GetElapsedTime(scheduledTimestamp, end));
        }

        return outcome;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        while (_all.TryDequeue(out var vu))
        {
            await vu.DisposeAsync().ConfigureAwait(false);
        }

        _soft.Dispose();
        _hard.Dispose();
    }
}

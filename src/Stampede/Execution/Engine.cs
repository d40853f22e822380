using Stampede.Execution.Executors;
using Stampede.Metrics;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Execution;

/// <summary>
/// Runs a <see cref="TestPlan"/>: setup, every scenario side by side (each on its executor), teardown; a one-second
/// tick collects metrics, evaluates thresholds and feeds the outputs. However the run ends — on schedule, by a
/// signal, by a threshold abort — it returns a complete <see cref="RunResult"/> and the outputs get it.
/// </summary>
public sealed class Engine(EngineOptions? options = null)
{
    /// <summary>How a run's stop reason begins when its setup failed (front ends map it to their own exit codes).</summary>
    internal const string SetupFailedReason = "setup failed";

    /// <summary>How <see cref="RunMetadata.StopReason"/> begins when the plan's <see cref="TestPlan.Prepare"/> threw.</summary>
    internal const string InitFailedReason = "init failed";

    private readonly EngineOptions _options = options ?? new EngineOptions();

    /// <summary>Runs <paramref name="plan"/> to its end and returns what it produced.</summary>
    /// <exception cref="PlanException">The plan is not valid.</exception>
    public async Task<RunResult> RunAsync(TestPlan plan)
    {
        var segment = _options.Segment ?? ExecutionSegment.Whole;
        var errors = plan.Validate().Concat(ExecutionSegmentSequence.Check(segment, _options.SegmentSequence)).ToList();
        if (errors.Count > 0)
        {
            throw new PlanException(errors);
        }

        var time = _options.Time;
        var registry = new MetricRegistry(new UrlRedaction(plan.Redact));
        var sampleOutputs = _options.Outputs.OfType<IRawSampleOutput>().Where(o => o.WantsRawSamples).ToList();
        if (sampleOutputs.Count > 0)
        {
            // Only now do samples cost an extra enqueue each: raw samples are opt-in.
            registry.Tap = new SampleTap();
            sampleOutputs.ForEach(o => o.AttachSamples(registry.Tap));
        }
        await using var monitoring = new Monitoring.RunMonitoring(plan, registry, time, _options.Control.RequestStop);
        plan = monitoring.Plan;
        using var run = new RunContext(plan, registry, time, _options.Control, _options.SocketEventLoop, _options.OnSystemClock) { StartArrivalsInline = _options.StartArrivalsInline };
        var thresholds = new ThresholdMonitor(plan.Thresholds, registry, _options.Control);
        using var tenants = plan.Tenants is null ? null : new Tenancy.TenantRun(plan, time);
        var tenantLimits = plan.Tenants?.Limits is { } limits ? new Tenancy.TenantLimitMonitor(limits, plan.Tenants.Isolation?.Exhaust, registry, _options.Control.RequestStop) : null;
        var tuple = ExecutionTuple.For(segment, _options.SegmentSequence);
        var runtimes = plan.Scenarios.Select(s =>
        {
            var share = SegmentShare.Of(s.Executor, tuple);
            return new ScenarioRuntime(run, s with { Executor = share.Executor }) { Stripe = share.Iterations, VuStripe = share.Vus, HasWork = share.HasWork };
        }).ToList();

        // A front end prepares what this machine's share of the plan runs, before the clock starts.
        var prepared = await PrepareAsync(run, plan with { Scenarios = [.. runtimes.Where(r => r.HasWork).Select(r => r.Plan)] }).ConfigureAwait(false);
        var startedAt = time.GetUtcNow();
        run.StartTimestamp = time.GetTimestamp();
        _options.Control.StartClock(() => run.Elapsed);
        var expected = plan.Scenarios.Max(s => s.StartTime + s.Executor.ScheduledDuration);
        foreach (var output in _options.Outputs)
        {
            output.Start(new RunInfo(plan, expected));
        }

        var started = new bool[runtimes.Count];
        var finished = new bool[runtimes.Count];
        using var tickStop = new CancellationTokenSource();
        var ticker = TickAsync(run, runtimes, started, finished, thresholds, monitoring, tenantLimits, tickStop.Token);
        try
        {
            if (prepared && await monitoring.StartAsync(run.Plan, run.Errors, run.StartTimestamp, expected, run.Control.Graceful).ConfigureAwait(false)
                && (tenants is null || await tenants.ProvisionAsync(run).ConfigureAwait(false))
                && await RunSetupAsync(run, _options.Lifecycle).ConfigureAwait(false))
            {
                var scenarios = runtimes.Select((runtime, index) => RunScenarioAsync(runtime, () => started[index] = true, () => finished[index] = true));
                await Task.WhenAll(scenarios).ConfigureAwait(false);
            }

            await RunTeardownAsync(run, _options.Lifecycle).ConfigureAwait(false);
        }
        finally
        {
            // Whatever ended the run (its course, a stop, a signal, a failed setup), what it created goes.
            if (tenants is not null)
            {
                await tenants.CleanupAsync().ConfigureAwait(false);
            }

            await tickStop.CancelAsync().ConfigureAwait(false);
            await ticker.ConfigureAwait(false);
            await monitoring.StopAsync().ConfigureAwait(false);
        }

        // Verdicts are recorded before the last collect so that the final threshold evaluation sees them.
        var annotations = monitoring.JudgeFaults();

        // The last, partial second still counts.
        registry.Collect();
        var elapsed = run.Elapsed;

        // The VUs' connections, buffers and sessions go before the result is built, and their memory with them:
        // the result's histograms are large, and the generator's peak memory should be the load's, not the load's
        // plus the report's.
        foreach (var runtime in runtimes)
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var result = new RunResult
        {
            Meta = new RunMetadata
            {
                Plan = plan.Name,
                Source = plan.Source,
                StartedAt = startedAt,
                EndedAt = time.GetUtcNow(),
                DurationSeconds = elapsed.TotalSeconds,
                ToolVersion = _options.ToolVersion,
                Host = _options.Host,
                Processors = Environment.ProcessorCount,
                StopReason = _options.Control.StopReason,
                Tags = plan.Tags,
                Seconds = registry.CollectedSeconds,
                Segment = tuple.IsWhole && _options.SegmentSequence is null ? null : segment.ToString(),
                SegmentSequence = _options.SegmentSequence?.ToString(),
            },
            Metrics = ResultBuilder.BuildMetrics(registry, elapsed),
            Checks = ResultBuilder.BuildChecks(registry),
            Thresholds = thresholds.Final(elapsed),
            Scenarios = [.. runtimes.Select(r => new ScenarioResult
            {
                Name = r.Plan.Name,
                Executor = r.Plan.Executor.Type,
                Iterations = r.CompletedIterations + r.FailedIterations,
                FailedIterations = r.FailedIterations,
                InterruptedIterations = r.InterruptedIterations,
                DroppedIterations = r.DroppedIterations,
                Vus = r.AllocatedVus,
            })],
            Errors = [.. run.Errors.Entries.Select(e => new ErrorResult(e.Scenario, e.Message, e.Count))],
            Annotations = [.. annotations.Concat(_options.Control.Annotations).OrderBy(a => a.At)],
        };
        if (tenants is not null)
        {
            result = result with { Tenants = tenants.Result(result) };
        }

        using var outputTimeout = new CancellationTokenSource(_options.OutputTimeout, time);
        foreach (var output in _options.Outputs)
        {
            await output.EndAsync(result, outputTimeout.Token).ConfigureAwait(false);
        }

        return result;
    }

    private static async Task RunScenarioAsync(ScenarioRuntime runtime, Action onStart, Action onFinish)
    {
        var run = runtime.Run;
        try
        {
            if (runtime.Plan.StartTime > TimeSpan.Zero)
            {
                await Task.Delay(runtime.Plan.StartTime, run.Time, run.Control.Graceful).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            onFinish();
            return;   // stopped before this scenario's start time
        }

        if (!runtime.HasWork)
        {
            // This segment's share of the scenario is nothing; the other segments run it.
            onStart();
            onFinish();
            return;
        }

        var executor = ExecutorFactory.Create(runtime.Plan.Executor);
        await executor.PrepareAsync(runtime).ConfigureAwait(false);
        runtime.Start();
        onStart();
        try
        {
            await executor.RunAsync(runtime).ConfigureAwait(false);
        }
        finally
        {
            onFinish();
        }
    }

    /// <summary>Runs setup; when it fails the run stops before any scenario, but still produces its result.</summary>
    private static async Task<bool> PrepareAsync(RunContext run, TestPlan share)
    {
        if (share.Prepare is not { } prepare)
        {
            return true;
        }

        try
        {
            await prepare(share, run.Control.Graceful).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !run.Control.Graceful.IsCancellationRequested)
        {
            run.Errors.Record("init", exception);
            run.Control.RequestStop(run.Registry.Redaction.Redact($"{InitFailedReason}: {exception.Message}"));
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> RunSetupAsync(RunContext run, IRunLifecycle? lifecycle)
    {
        if (run.Plan.Setup is not { } setup)
        {
            return true;
        }

        try
        {
            async Task<object?> RunSetup()
            {
                object? data = null;
                await RunLifecycleAsync(run, "setup", async vu => data = await setup(vu).ConfigureAwait(false)).ConfigureAwait(false);
                return data;
            }

            run.SetupData = lifecycle is null ? await RunSetup().ConfigureAwait(false) : await lifecycle.SetupAsync(run.Plan, RunSetup, run.Control.Graceful).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception)
        {
            run.Errors.Record("setup", exception);
            run.Control.RequestStop(run.Registry.Redaction.Redact($"{SetupFailedReason}: {exception.Message}"));
            return false;
        }
    }

    private static async Task RunTeardownAsync(RunContext run, IRunLifecycle? lifecycle)
    {
        if (run.Plan.Teardown is not { } teardown || run.Control.Hard.IsCancellationRequested)
        {
            return;
        }

        try
        {
            Task RunTeardown() => RunLifecycleAsync(run, "teardown", vu => teardown(vu, run.SetupData));
            await (lifecycle is null ? RunTeardown() : lifecycle.TeardownAsync(RunTeardown, run.Control.Hard)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            run.Errors.Record("teardown", exception);
        }
    }

    /// <summary>Runs setup or teardown on a VU of its own, within the plan's setup timeout.</summary>
    private static async Task RunLifecycleAsync(RunContext run, string name, Func<VuContext, Task> body)
    {
        await using var lifecycle = LifecycleScenario(run, name);
        var vu = lifecycle.CreateVu();
        using var timeout = new CancellationTokenSource(run.Plan.SetupTimeout, run.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, run.Control.Hard);
        vu.CancellationToken = linked.Token;
        await body(vu.Context).WaitAsync(linked.Token).ConfigureAwait(false);
    }

    private static ScenarioRuntime LifecycleScenario(RunContext run, string name) =>
        new(run, new ScenarioPlan
        {
            Name = name,
            Executor = new Plans.Executors.SharedIterationsOptions(),
            Iteration = static _ => Task.CompletedTask,
        });

    private async Task TickAsync(RunContext run, List<ScenarioRuntime> runtimes, bool[] started, bool[] finished, ThresholdMonitor thresholds, Monitoring.RunMonitoring monitoring, Tenancy.TenantLimitMonitor? tenantLimits, CancellationToken stop)
    {
        var registry = run.Registry;
        var vus = registry.Gauge(BuiltinMetrics.Vus, TagSet.Empty);
        var vusMax = registry.Gauge(BuiltinMetrics.VusMax, TagSet.Empty);
        var harness = new HarnessMonitor(registry, run.Time);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), run.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var active = runtimes.Sum(r => r.ActiveVus);
                var allocated = runtimes.Sum(r => r.AllocatedVus);
                vus.Set(active);
                vusMax.Set(allocated);
                harness.Sample();
                monitoring.SampleSecond();
                registry.Collect();
                var elapsed = run.Elapsed;
                monitoring.CheckLimits(elapsed);
                tenantLimits?.Check();
                var failing = thresholds.EvaluateLive(elapsed);
                var snapshot = new LiveSnapshot
                {
                    Elapsed = elapsed,
                    Second = registry.CollectedSeconds,
                    Vus = active,
                    VusMax = allocated,
                    Metrics = registry,
                    RequestsLastSecond = LastValue(registry, BuiltinMetrics.HttpReqs),
                    FailuresLastSecond = registry.TimelineOf(BuiltinMetrics.HttpReqFailed) is { Rates.Count: > 0 } failed ? failed.Rates[^1].Passes : 0,
                    FailingThresholds = failing,
                    Faults = monitoring.LiveFaults,
                    Scenarios = [.. runtimes.Select((r, i) => new ScenarioProgress(
                        r.Plan.Name, r.Plan.Executor.Type, r.ActiveVus, r.AllocatedVus,
                        r.CompletedIterations + r.FailedIterations, r.DroppedIterations,
                        started[i] ? r.Elapsed : TimeSpan.Zero, r.Plan.Executor.ScheduledDuration, started[i], finished[i]))],
                };
                foreach (var output in _options.Outputs)
                {
                    output.OnSecond(snapshot);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }

        // A run shorter than a second never ticked, and a burst between two ticks was never sampled: the gauges'
        // max must still be the true peak.
        vus.Reached(run.ActiveVus.Peak);
        vusMax.Set(runtimes.Sum(r => r.AllocatedVus));
        vus.Set(0);
    }

    private static double LastValue(MetricRegistry registry, Metric metric) =>
        registry.TimelineOf(metric) is { Values.Count: > 0 } timeline ? timeline.Values[^1] : 0;
}

using System.Runtime.CompilerServices;
using Stampede.Metrics;

namespace Stampede.Execution;

/// <summary>
/// One virtual user: owns its protocol sessions, its variables and its random source, and runs one iteration
/// at a time. <see cref="VuContext"/> is the face an iteration sees.
/// </summary>
internal sealed class VirtualUser : IThreadPoolWorkItem, IAsyncDisposable
{
    // Made on first use: a thousand sleeping VUs that never enter a group or run a check should not each carry them.
    private Dictionary<string, TagSet>? _groupTags;
    // Keyed by the tags in force, not the group alone: a front end's own tags (SwapTags) change them within a group.
    private Dictionary<(TagSet Tags, string Check), RateSeries>? _checks;
    private Dictionary<string, object?>? _vars;
    // The scenario's tags plus the tenant (and user) this VU acts as: what group changes start again from.
    private readonly TagSet _baseTags;
    private long _scheduledTimestamp;
    private ConfiguredValueTaskAwaitable<IterationOutcome>.ConfiguredValueTaskAwaiter _dispatched;
    private Action? _onDispatchedEnd;

    public VirtualUser(ScenarioRuntime scenario, int id, int idInScenario)
    {
        Scenario = scenario;
        Id = id;
        IdInScenario = idInScenario;
        // Seeded from the plan's seed and the VU's number only, so the same plan makes the same choices in every process.
        Random = new Random(Data.SeedMixer.Mix(scenario.Run.Plan.Seed, id, Data.SeedMixer.VuRandom));
        Tenant = scenario.Run.Tenants?.For(id);
        _baseTags = Tenant is null ? scenario.Tags
            : scenario.Run.Plan.Tenants is { TagUsers: true } ? scenario.Tags.With("tenant", Tenant.Tenant).With("user", Tenant.UserTag)
            : scenario.Tags.With("tenant", Tenant.Tenant);
        Tags = _baseTags;
        Context = new VuContext(this);
        if (Tenant is not null)
        {
            Vars["tenant"] = Tenant.ForTemplates();
        }
    }

    public ScenarioRuntime Scenario { get; }

    /// <summary>The tenant's user this VU acts as, or null.</summary>
    public Tenancy.TenantUser? Tenant { get; }

    public RunContext Run => Scenario.Run;

    public int Id { get; }

    public int IdInScenario { get; }

    public VuContext Context { get; }

    public Random Random { get; }

    public Dictionary<string, object?> Vars => _vars ??= new(StringComparer.Ordinal);

    /// <summary>Iterations this VU has started.</summary>
    public long Iteration { get; set; } = -1;

    /// <summary>The iteration's index across the scenario.</summary>
    public long IterationInScenario { get; set; }

    /// <summary>The current group path in k6's notation (<c>::outer::inner</c>), empty outside groups.</summary>
    public string Group { get; private set; } = "";

    /// <summary>Tags for samples recorded now: run, scenario and the current group.</summary>
    public TagSet Tags { get; private set; }

    /// <summary>Interrupts this VU's iteration (hard stop or end of a graceful ramp-down).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Asks this VU to stop after its current iteration (ramp-down).</summary>
    public CancellationTokenSource? Retire { get; set; }

    /// <summary>Enters a group; returns the group path to restore when it ends.</summary>
    public string EnterGroup(string name)
    {
        var previous = Group;
        SetGroup(previous + "::" + name);
        return previous;
    }

    public void SetGroup(string group)
    {
        Group = group;
        if (group.Length == 0)
        {
            Tags = _baseTags;
            return;
        }

        _groupTags ??= new(StringComparer.Ordinal);
        if (!_groupTags.TryGetValue(group, out var tags))
        {
            tags = _baseTags.With("group", group);
            _groupTags[group] = tags;
        }

        Tags = tags;
    }

    /// <summary>
    /// Replaces the tags of the samples recorded from now on (a k6 request's or check's own tags); returns the tags
    /// to restore. Group changes start again from the scenario's tags.
    /// </summary>
    public TagSet SwapTags(TagSet tags)
    {
        var previous = Tags;
        Tags = tags;
        return previous;
    }

    /// <summary>Records a check with tags of its own besides the VU's (k6's <c>check(value, sets, tags)</c>).</summary>
    public void RecordCheck(string name, bool passed, TagSet extra) =>
        Run.Registry.Rate(BuiltinMetrics.Checks, Tags.With(extra).With("check", name)).Add(passed);

    public void RecordCheck(string name, bool passed)
    {
        _checks ??= [];
        if (!_checks.TryGetValue((Tags, name), out var series))
        {
            series = Run.Registry.Rate(BuiltinMetrics.Checks, Tags.With("check", name));
            _checks[(Tags, name)] = series;
        }

        series.Add(passed);
    }

    /// <summary>When the running iteration was scheduled to start (arrival-rate executors); 0 for closed-model VUs.</summary>
    public long ScheduledTimestamp => _scheduledTimestamp;

    /// <summary>Starts an arrival-rate iteration: inline when the run allows it, else on the thread pool without allocating a closure.</summary>
    public void Dispatch(long scheduledTimestamp)
    {
        _scheduledTimestamp = scheduledTimestamp;
        if (Run.StartArrivalsInline)
        {
            RunDispatched();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => RunDispatched();

    /// <summary>
    /// Runs the dispatched iteration and hands the VU back when it ends. The VU itself is the continuation (one
    /// delegate per VU, made once) rather than an async method: at 20,000 arrivals a second that method's state
    /// machine and its continuation were about a fifth of the bytes allocated per request, and every allocation brings the next pause closer.
    /// </summary>
    private void RunDispatched()
    {
        while (true)
        {
            Scenario.BeginDispatched();
#pragma warning disable CA2012 // awaited by hand: GetResult consumes it exactly once, in EndDispatched
            var iteration = Scenario.RunIterationAsync(this, _scheduledTimestamp).ConfigureAwait(false).GetAwaiter();
#pragma warning restore CA2012
            if (!iteration.IsCompleted)
            {
                _dispatched = iteration;
                iteration.UnsafeOnCompleted(_onDispatchedEnd ??= OnDispatchedEnd);
                return;
            }

            // A loop rather than a call: a backlog of arrivals whose iterations finish at once must not grow the stack.
            if (!EndDispatched(iteration))
            {
                return;
            }
        }
    }

    private void OnDispatchedEnd()
    {
        var iteration = _dispatched;
        _dispatched = default;
        if (EndDispatched(iteration))
        {
            RunDispatched();
        }
    }

    /// <summary>Ends the dispatched iteration; true when the VU took a waiting arrival to run next.</summary>
    private bool EndDispatched(ConfiguredValueTaskAwaitable<IterationOutcome>.ConfiguredValueTaskAwaiter iteration)
    {
        long? next;
        try
        {
            // Returns a pooled iteration to its pool; the iteration records its own failures and never throws here.
            iteration.GetResult();
        }
        finally
        {
            next = Scenario.EndDispatched(this);
        }

        if (next is not { } due)
        {
            return false;
        }

        _scheduledTimestamp = due;
        return true;
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}

using Stampede.Metrics;
using Stampede.Protocols.Http;
using Stampede.Protocols.Llm;
using Stampede.Protocols.Sse;
using Stampede.Protocols.WebSockets;

namespace Stampede.Execution;

/// <summary>
/// What an iteration sees of its virtual user: protocols (<see cref="Http"/>), checks, groups, sleep, variables
/// that persist across the VU's iterations, the environment and the data setup returned.
/// </summary>
public sealed class VuContext : IAsyncDisposable, Data.Templates.ITemplateVu
{
    private readonly VirtualUser _vu;
    private VuHttp? _http;
    private VuSse? _sse;
    private VuWs? _ws;
    private VuLlm? _llm;
    private VuSleep? _sleep;

    internal VuContext(VirtualUser vu)
    {
        _vu = vu;
    }

    /// <summary>This VU's HTTP client: its own connections and cookies; k6's HTTP metrics are recorded with the VU's tags.</summary>
    public VuHttp Http => _http ??= new VuHttp(_vu.Run.CreateHttpSession(), new HttpMetricsRecorder(_vu.Run.Registry), () => _vu.Tags, () => _vu.CancellationToken);

    /// <summary>This VU's Server-Sent Events client (its own connections); records the <c>sse_*</c> metrics.</summary>
    public VuSse Sse => _sse ??= new VuSse(_vu.Run.CreateHttpSession(), _vu.Run.Registry, _vu.Run.Time, () => _vu.Tags, () => _vu.CancellationToken);

    /// <summary>This VU's WebSocket client; records k6's <c>ws_*</c> metrics.</summary>
    public VuWs Ws => _ws ??= new VuWs(_vu.Run.Registry, _vu.Run.Time, () => _vu.Tags, () => _vu.CancellationToken, _vu.Run.Plan.BaseUrl);

    /// <summary>This VU's LLM chat client (OpenAI-compatible or custom, over SSE or WebSocket); records the <c>llm_*</c> metrics.</summary>
    public VuLlm Llm => _llm ??= new VuLlm(_vu.Run.CreateHttpSession(), Ws, _vu.Run.Registry, _vu.Run.Time, _vu.Run.LlmLedger,
        () => _vu.Tags, () => _vu.CancellationToken, () => _vu.ScheduledTimestamp, _vu.Random, () => _vu.Tenant?.ApiKey, _vu.Run.LlmPrompts);

    /// <summary>The tenant's user this VU acts as (a plan with <c>tenants:</c>), with its key; null otherwise.</summary>
    public Tenancy.TenantUser? Tenant => _vu.Tenant;

    /// <summary>The VU's number across the whole run, from 1.</summary>
    public int Id => _vu.Id;

    /// <summary>The VU's number within its scenario, from 1.</summary>
    public int IdInScenario => _vu.IdInScenario;

    /// <summary>How many iterations this VU ran before this one (from 0).</summary>
    public long Iteration => _vu.Iteration;

    /// <summary>This iteration's index across the scenario (from 0).</summary>
    public long IterationInScenario => _vu.IterationInScenario;

    /// <summary>The scenario's name.</summary>
    public string Scenario => _vu.Scenario.Plan.Name;

    /// <summary>Time since the scenario started (after its start time), on the run's clock.</summary>
    internal TimeSpan ScenarioElapsed => _vu.Scenario.Elapsed;

    /// <summary>Variables kept across this VU's iterations.</summary>
    public IDictionary<string, object?> Vars => _vu.Vars;

    /// <summary>Environment variables from the plan, the scenario and <c>-e KEY=VALUE</c>.</summary>
    public IReadOnlyDictionary<string, string> Env => _vu.Scenario.Env;

    /// <summary>What the plan's setup returned (null without setup).</summary>
    public object? SetupData => _vu.Run.SetupData;

    /// <summary>A random source of this VU's own, seeded from the plan and the VU's number.</summary>
    public Random Random => _vu.Random;

    /// <summary>Cancelled when the iteration must stop (end of gracefulStop, or a hard stop).</summary>
    public CancellationToken CancellationToken => _vu.CancellationToken;

    /// <summary>The current group path (<c>::outer::inner</c>), empty outside groups.</summary>
    public string GroupPath => _vu.Group;

    /// <summary>Tags on the samples recorded now.</summary>
    public TagSet Tags => _vu.Tags;

    /// <summary>The run's metrics, for custom ones.</summary>
    public MetricRegistry Metrics => _vu.Run.Registry;

    /// <summary>Setup's data as <typeparamref name="T"/>.</summary>
    public T SetupDataAs<T>() => (T)SetupData!;

    /// <summary>Pauses for <paramref name="duration"/> (think time). Interrupted by a stop. Allocates nothing; await it once.</summary>
    public ValueTask SleepAsync(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? ValueTask.CompletedTask : (_sleep ??= new VuSleep(_vu.Run.Time)).WaitAsync(duration, CancellationToken);

    /// <summary>Pauses for <paramref name="seconds"/> seconds (k6's <c>sleep</c>).</summary>
    public ValueTask SleepAsync(double seconds) => SleepAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>Records the check <paramref name="name"/> on <paramref name="value"/>; a throwing predicate fails it. Returns whether it passed.</summary>
    public bool Check<T>(T value, string name, Func<T, bool> predicate)
    {
        bool passed;
        try
        {
            passed = predicate(value);
        }
        catch (Exception)
        {
            passed = false;
        }

        _vu.RecordCheck(name, passed);
        return passed;
    }

    /// <summary>Records the check <paramref name="name"/> as passed or failed.</summary>
    public bool Check(string name, bool passed)
    {
        _vu.RecordCheck(name, passed);
        return passed;
    }

    /// <summary>Runs <paramref name="body"/> inside the group <paramref name="name"/>: its samples carry the <c>group</c> tag and its time is recorded as <c>group_duration</c>.</summary>
    public async Task Group(string name, Func<Task> body)
    {
        var start = _vu.Run.Time.GetTimestamp();
        var previous = EnterGroup(name);
        try
        {
            await body().ConfigureAwait(false);
        }
        finally
        {
            LeaveGroup(previous, start);
        }
    }

    /// <summary>Records the check <paramref name="name"/> with tags of its own (k6's third argument to <c>check</c>).</summary>
    internal bool Check(string name, bool passed, TagSet extraTags)
    {
        if (extraTags.Count == 0)
        {
            _vu.RecordCheck(name, passed);
        }
        else
        {
            _vu.RecordCheck(name, passed, extraTags);
        }

        return passed;
    }

    /// <summary>Replaces the tags of what is recorded next; returns the ones to put back (a k6 request's own tags).</summary>
    internal TagSet SwapTags(TagSet tags) => _vu.SwapTags(tags);

    /// <summary>Enters a group without awaiting a body (a synchronous front end's <c>group</c>); returns the path to restore.</summary>
    internal string EnterGroup(string name) => _vu.EnterGroup(name);

    /// <summary>Leaves a group entered with <see cref="EnterGroup"/>, recording its <c>group_duration</c> from <paramref name="start"/>.</summary>
    internal void LeaveGroup(string previous, long start)
    {
        _vu.Run.Registry.Trend(BuiltinMetrics.GroupDuration, _vu.Tags).Record(_vu.Run.Time.GetElapsedTime(start));
        _vu.SetGroup(previous);
    }

    /// <summary>The run's clock.</summary>
    internal TimeProvider Time => _vu.Run.Time;

    /// <summary>The run's control: stops it (k6's <c>test.abort</c>).</summary>
    internal RunControl Control => _vu.Run.Control;

    /// <summary>Ends this iteration now; the VU goes on with its next one.</summary>
    public void AbortIteration(string reason = "aborted") => throw new IterationAbortedException(reason);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _sleep?.Dispose();
        if (_http is not null)
        {
            await _http.DisposeAsync().ConfigureAwait(false);
        }

        if (_sse is not null)
        {
            await _sse.DisposeAsync().ConfigureAwait(false);
        }

        if (_llm is not null)
        {
            await _llm.DisposeAsync().ConfigureAwait(false);
        }

        if (_ws is not null)
        {
            await _ws.DisposeAsync().ConfigureAwait(false);
        }
    }
}

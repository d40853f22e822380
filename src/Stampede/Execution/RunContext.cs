using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Protocols.Http;

namespace Stampede.Execution;

/// <summary>What every part of one run shares: the plan, the clock, the metrics and the stop signals.</summary>
internal sealed class RunContext : IDisposable
{
    private int _nextVuId;

    public RunContext(TestPlan plan, MetricRegistry registry, TimeProvider time, RunControl control, bool socketEventLoop = false, bool systemClock = false)
    {
        SystemClock = systemClock;
        // Null where there is no epoll: the lean client then stays on .NET's sockets.
        _socketLoop = socketEventLoop ? EpollLoop.TryCreate() : null;
        Plan = plan;
        Registry = registry;
        Time = time;
        Control = control;
        LlmLedger = new Protocols.Llm.LlmCostLedger(control.RequestStop);
        BaseTags = TagSet.From(plan.Tags);
        Errors = new ErrorLog(registry.Redaction);
        HttpOptions = new HttpSessionOptions
        {
            BaseAddress = plan.BaseUrl,
            Version = plan.Http.Http2 ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
            Timeout = plan.Http.Timeout,
            MaxRedirects = plan.Http.MaxRedirects,
            Cookies = plan.Http.Cookies,
            InsecureSkipTlsVerify = plan.Http.InsecureSkipTlsVerify,
            ResponseBody = plan.Http.KeepBodies ? ResponseBodyMode.Keep : ResponseBodyMode.Discard,
            ShareHandler = plan.Http.ShareConnections,
            DefaultHeaders = [.. plan.Http.Headers],
            SocketLoop = _socketLoop,
        };
        _sharedTransport = plan.Http.ShareConnections ? new Lazy<HttpTransport>(() => new HttpTransport(HttpOptions)) : null;
    }

    private readonly Lazy<HttpTransport>? _sharedTransport;
    private readonly EpollLoop? _socketLoop;

    /// <summary>The run's socket loop (see <see cref="EngineOptions.SocketEventLoop"/>), or null when it has none.</summary>
    public EpollLoop? SocketLoop => _socketLoop;

    /// <summary>Open-model iterations start on the scheduler's thread (see <see cref="EngineOptions.StartArrivalsInline"/>).</summary>
    public bool StartArrivalsInline { get; init; }

    /// <summary>The HTTP settings every VU's session starts with.</summary>
    public HttpSessionOptions HttpOptions { get; }

    /// <summary>A new VU's HTTP session: its own connections, or the run's shared pool when the plan asks.</summary>
    public HttpSession CreateHttpSession() => new(HttpOptions, _sharedTransport?.Value);

    /// <summary>Releases what the run shares (the shared connection pool, the socket loop).</summary>
    public void Dispose()
    {
        if (_sharedTransport is { IsValueCreated: true })
        {
            _sharedTransport.Value.Dispose();
        }

        _socketLoop?.Dispose();
    }

    public TestPlan Plan { get; }

    public MetricRegistry Registry { get; }

    public TimeProvider Time { get; }

    /// <summary><see cref="Time"/> is the system's clock (see <see cref="EngineOptions.OnSystemClock"/>).</summary>
    public bool SystemClock { get; }

    public RunControl Control { get; }

    public ErrorLog Errors { get; }

    /// <summary>VUs running an iteration in any scenario, with the run's peak.</summary>
    public ActiveVuCount ActiveVus { get; } = new();

    /// <summary>The run's LLM spend, shared by every VU so a cost limit sees the total.</summary>
    public Protocols.Llm.LlmCostLedger LlmLedger { get; }

    /// <summary>The user messages sent so far, for <c>llm_prompt_unique</c>.</summary>
    public Protocols.Llm.LlmPromptLedger LlmPrompts { get; } = new();

    /// <summary>Tags on every sample of the run.</summary>
    public TagSet BaseTags { get; }

    /// <summary>The users the plan's <c>tenants:</c> created, which VUs act as; set before setup runs, null without tenants.</summary>
    public Tenancy.TenantDirectory? Tenants { get; set; }

    /// <summary>What setup returned; set before any scenario starts.</summary>
    public object? SetupData { get; set; }

    /// <summary>The run's start, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long StartTimestamp { get; set; }

    public int NextVuId() => Interlocked.Increment(ref _nextVuId);

    public TimeSpan Elapsed => Time.GetElapsedTime(StartTimestamp);
}

using Stampede.Metrics;

namespace Stampede.History.Store;

/// <summary>
/// Where runs are kept: the embedded SQLite file by default (<c>./.stampede/history.db</c>), or a shared PostgreSQL
/// database for a team. Both implementations pass the same tests; open one with <see cref="RunStores.Open"/>.
/// </summary>
public interface IRunStore : IAsyncDisposable
{
    /// <summary>Stores a run (creating or migrating the schema first if needed) and returns its id.</summary>
    Task<long> SaveAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>The run with id <paramref name="id"/>, with its full result, or null when there is none.</summary>
    Task<StoredRun?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Runs matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<RunSummary>> ListAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>One aggregation of one metric (e.g. <c>http_req_duration</c>, <c>p95</c>) across runs, oldest first.</summary>
    Task<IReadOnlyList<TrendPoint>> TrendAsync(string metric, string aggregation, RunQuery query, CancellationToken cancellationToken = default);
}

/// <summary>What is stored for a run: its result and where it came from.</summary>
public sealed record RunRecord
{
    /// <summary>The run's full result (histograms and per-second timelines included).</summary>
    public required RunResult Result { get; init; }

    /// <summary>The plan's text (the YAML file), if the run came from a file.</summary>
    public string? PlanText { get; init; }

    /// <summary>The git commit of the working directory, if it is a git checkout.</summary>
    public string? GitCommit { get; init; }
}

/// <summary>A stored run with its full result.</summary>
public sealed record StoredRun(RunSummary Summary, RunResult Result, string? PlanText)
{
    /// <summary>Its per-tenant rows, in the plan's order; empty for a run without <c>tenants:</c>.</summary>
    public IReadOnlyList<StoredTenant> Tenants { get; init; } = [];
}

/// <summary>A stored run's identity, verdict and headline figures.</summary>
public sealed record RunSummary
{
    /// <summary>The run's id in its store.</summary>
    public required long Id { get; init; }

    /// <summary>The plan's name.</summary>
    public required string Plan { get; init; }

    /// <summary>Wall-clock start (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Run time in seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>True when no threshold failed.</summary>
    public bool Passed { get; init; }

    /// <summary>Why the run stopped early, or null.</summary>
    public string? StopReason { get; init; }

    /// <summary>The machine that ran it.</summary>
    public string Host { get; init; } = "";

    /// <summary>Stampede's version.</summary>
    public string ToolVersion { get; init; } = "";

    /// <summary>The git commit, when the run started in a git checkout.</summary>
    public string? GitCommit { get; init; }

    /// <summary>The run's tags (<c>--tag release=1.4</c>).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary><c>http_reqs</c> total, if any.</summary>
    public double? Requests { get; init; }

    /// <summary><c>http_reqs</c> per second, if any.</summary>
    public double? RequestRate { get; init; }

    /// <summary><c>http_req_duration</c> p95 in ms, if any.</summary>
    public double? P95 { get; init; }

    /// <summary><c>http_req_failed</c> rate (0–1), if any.</summary>
    public double? ErrorRate { get; init; }

    /// <summary>The verdict as a word: <c>passed</c>, <c>failed</c> or <c>stopped</c>.</summary>
    public string Verdict => !Passed ? "failed" : StopReason is not null ? "stopped" : "passed";
}

/// <summary>Which runs to list. Defaults: every plan, the last 20 runs.</summary>
public sealed record RunQuery
{
    /// <summary>Only runs of this plan; null for every plan.</summary>
    public string? Plan { get; init; }

    /// <summary>At most this many runs (the newest). Default 20.</summary>
    public int Last { get; init; } = 20;

    /// <summary>Only runs that passed their thresholds and ran their course.</summary>
    public bool PassedOnly { get; init; }

    /// <summary>Only runs carrying this tag key (with <see cref="TagValue"/>, this value).</summary>
    public string? TagKey { get; init; }

    /// <summary>With <see cref="TagKey"/>: the tag's value; null for any value.</summary>
    public string? TagValue { get; init; }

    /// <summary>Only runs with an id below this one (to find a baseline older than a run).</summary>
    public long? BeforeId { get; init; }
}

/// <summary>One run's value of one metric aggregation.</summary>
public sealed record TrendPoint(long RunId, DateTimeOffset StartedAt, string? GitCommit, double Value);

using System.Text.Json.Serialization;

namespace Stampede.Metrics;

/// <summary>
/// Everything a run produced: metadata, every metric with its tagged series, histograms and per-second timelines,
/// checks, thresholds and scenarios. Serialised as the versioned JSON result (docs/result-format.md) that reports,
/// history, comparison and segment merging read.
/// </summary>
public sealed record RunResult
{
    /// <summary>The format's name, always <c>stampede-result</c>.</summary>
    public string Format { get; init; } = "stampede-result";

    /// <summary>The format's version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>What ran, when and where.</summary>
    public required RunMetadata Meta { get; init; }

    /// <summary>Every metric that received samples.</summary>
    public IReadOnlyList<MetricResult> Metrics { get; init; } = [];

    /// <summary>Every check, by group and name.</summary>
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    /// <summary>Every threshold with its final outcome.</summary>
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];

    /// <summary>Per-scenario totals.</summary>
    public IReadOnlyList<ScenarioResult> Scenarios { get; init; } = [];

    /// <summary>Exceptions thrown by iterations, counted.</summary>
    public IReadOnlyList<ErrorResult> Errors { get; init; } = [];

    /// <summary>Injected faults and other moments of the run, in time order, with their resilience verdicts.</summary>
    public IReadOnlyList<RunAnnotation> Annotations { get; init; } = [];

    /// <summary>Per-organisation rows, cleanup and the isolation verdict of a plan with <c>tenants:</c>; null (and absent from the JSON) otherwise.</summary>
    public TenantsResult? Tenants { get; init; }

    /// <summary>
    /// Arrivals that arrival-rate scenarios dropped, with the share of all their arrivals; null (and absent from the
    /// JSON) when none was dropped. Worked out from <see cref="Scenarios"/>, so a merged or re-read result agrees.
    /// </summary>
    public DroppedArrivalsResult? DroppedArrivals => DroppedArrivalsResult.From(Scenarios);

    /// <summary>True when no threshold failed.</summary>
    public bool Passed => Thresholds.All(t => t.Outcome != ThresholdOutcomeNames.Failed);

    /// <summary>The metric named <paramref name="name"/>, or null.</summary>
    public MetricResult? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}

/// <summary>What ran, when and where.</summary>
public sealed record RunMetadata
{
    /// <summary>The plan's name.</summary>
    public required string Plan { get; init; }

    /// <summary>The plan's file, if any.</summary>
    public string? Source { get; init; }

    /// <summary>Wall-clock start (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock end (UTC).</summary>
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>Run time in seconds (setup to teardown).</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Stampede's version.</summary>
    public string ToolVersion { get; init; } = "";

    /// <summary>The machine's name.</summary>
    public string Host { get; init; } = "";

    /// <summary>Processors of the machine that ran the test (0 when not known, as in results written before it was kept).</summary>
    public int Processors { get; init; }

    /// <summary>Why the run stopped early (signal, threshold abort, limit), or null when it ran its course.</summary>
    public string? StopReason { get; init; }

    /// <summary>Tags given for the whole run.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Length of every timeline, in seconds.</summary>
    public int Seconds { get; init; }

    /// <summary>
    /// The share of the plan this run generated (k6's execution segment, <c>1/4:1/2</c>), or null for the whole plan.
    /// A merged result has the segments it was merged from in <see cref="Segments"/>, and here what they cover together.
    /// </summary>
    public string? Segment { get; init; }

    /// <summary>The segment sequence the run was striped in (<c>0,1/4,1/2,3/4,1</c>), or null when none was given.</summary>
    public string? SegmentSequence { get; init; }

    /// <summary>A merged result's parts, in segment order; null for a result of one run.</summary>
    public IReadOnlyList<SegmentPart>? Segments { get; init; }

    /// <summary>
    /// Figures a front end adds about the run as a whole, by name, e.g. <c>breakpoint_rate</c> (the arrival rate a
    /// breakpoint run had reached when it stopped). Default null: none.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Notes { get; init; }
}

/// <summary>One run a merged result was made from.</summary>
public sealed record SegmentPart
{
    /// <summary>The run's segment (<c>0:1</c> for a run of the whole plan).</summary>
    public required string Segment { get; init; }

    /// <summary>The machine that ran it.</summary>
    public string Host { get; init; } = "";

    /// <summary>Its wall-clock start (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Its run time in seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Why it stopped early, or null when it ran its course.</summary>
    public string? StopReason { get; init; }

    /// <summary>
    /// True when this share's result never reached the coordinator of a coordinated run (<c>stampede coordinate</c>):
    /// the merged figures lack it. Default null: the part is in the merge.
    /// </summary>
    public bool? Lost { get; init; }
}

/// <summary>One metric: its values over all series, and each tagged series.</summary>
public sealed record MetricResult
{
    /// <summary>The metric's name.</summary>
    public required string Name { get; init; }

    /// <summary>The metric's kind; written as <c>counter</c>, <c>gauge</c>, <c>rate</c> or <c>trend</c>.</summary>
    [JsonConverter(typeof(MetricKindJsonConverter))]
    public required MetricKind Kind { get; init; }

    /// <summary>What the values measure; written as <c>ms</c>, <c>bytes</c> or empty (default: a plain number).</summary>
    [JsonConverter(typeof(MetricUnitJsonConverter))]
    public MetricUnit Unit { get; init; }

    /// <summary>Aggregated over every series.</summary>
    public required ResultValues Values { get; init; }

    /// <summary>Trends: the merged histogram (HdrHistogram compressed encoding, base64; values in µs for time, thousandths otherwise, bytes for data).</summary>
    public string? Histogram { get; init; }

    /// <summary>Per-second points over every series.</summary>
    public TimelineResult? Timeline { get; init; }

    /// <summary>Each tag set's own values.</summary>
    public IReadOnlyList<SeriesResult> Series { get; init; } = [];
}

/// <summary>One tagged series of a metric.</summary>
public sealed record SeriesResult
{
    /// <summary>The series' tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    /// <summary>The series' values.</summary>
    public required ResultValues Values { get; init; }

    /// <summary>Trends: the series' histogram (see <see cref="MetricResult.Histogram"/>).</summary>
    public string? Histogram { get; init; }

    /// <summary>Per-second points.</summary>
    public TimelineResult? Timeline { get; init; }
}

/// <summary>Aggregated values; which are present depends on the metric's kind (absent ones are omitted from JSON).</summary>
public sealed record ResultValues
{
    /// <summary>Counter: total. Rate, trend: samples.</summary>
    public double? Count { get; init; }

    /// <summary>Counter: per second. Rate: share of non-zero samples.</summary>
    public double? Rate { get; init; }

    /// <summary>Rate: non-zero samples.</summary>
    public long? Passes { get; init; }

    /// <summary>Rate: zero samples.</summary>
    public long? Fails { get; init; }

    /// <summary>Gauge: last value.</summary>
    public double? Value { get; init; }

    /// <summary>Trend: mean.</summary>
    public double? Avg { get; init; }

    /// <summary>Gauge, trend: smallest.</summary>
    public double? Min { get; init; }

    /// <summary>Trend: median.</summary>
    public double? Med { get; init; }

    /// <summary>Gauge, trend: largest.</summary>
    public double? Max { get; init; }

    /// <summary>Trend: 90th percentile.</summary>
    public double? P90 { get; init; }

    /// <summary>Trend: 95th percentile.</summary>
    public double? P95 { get; init; }

    /// <summary>Trend: 99th percentile.</summary>
    public double? P99 { get; init; }

    /// <summary>Trend: sum of samples.</summary>
    public double? Sum { get; init; }
}

/// <summary>
/// Per-second points in columns, from second <see cref="Start"/> of the run. Counters and gauges fill
/// <see cref="Values"/>; rates fill <see cref="Passes"/> and <see cref="Total"/>; trends fill the rest.
/// </summary>
public sealed record TimelineResult
{
    /// <summary>The run second of the first point.</summary>
    public int Start { get; init; }

    /// <summary>Counter: amount per second. Gauge: value at each second.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Rate: non-zero samples per second.</summary>
    public IReadOnlyList<long>? Passes { get; init; }

    /// <summary>Rate, trend: samples per second.</summary>
    public IReadOnlyList<long>? Total { get; init; }

    /// <summary>Trend: mean per second.</summary>
    public IReadOnlyList<double>? Avg { get; init; }

    /// <summary>Trend: smallest per second.</summary>
    public IReadOnlyList<double>? Min { get; init; }

    /// <summary>Trend: largest per second.</summary>
    public IReadOnlyList<double>? Max { get; init; }

    /// <summary>Trend: median per second.</summary>
    public IReadOnlyList<double>? P50 { get; init; }

    /// <summary>Trend: 90th percentile per second.</summary>
    public IReadOnlyList<double>? P90 { get; init; }

    /// <summary>Trend: 95th percentile per second.</summary>
    public IReadOnlyList<double>? P95 { get; init; }

    /// <summary>Trend: 99th percentile per second.</summary>
    public IReadOnlyList<double>? P99 { get; init; }
}

/// <summary>One check's tally.</summary>
public sealed record CheckResult(string Name, string Group, long Passes, long Fails);

/// <summary>Names of threshold outcomes in results.</summary>
public static class ThresholdOutcomeNames
{
    /// <summary>The expression held.</summary>
    public const string Passed = "passed";

    /// <summary>The expression did not hold.</summary>
    public const string Failed = "failed";

    /// <summary>The selected metric had no samples, so nothing was judged.</summary>
    public const string NoData = "noData";
}

/// <summary>One threshold's final outcome.</summary>
public sealed record ThresholdResult
{
    /// <summary>The metric selector, e.g. <c>http_req_duration{scenario:chat}</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The expression, e.g. <c>p(95)&lt;500</c>.</summary>
    public required string Expression { get; init; }

    /// <summary><c>passed</c>, <c>failed</c> or <c>noData</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The value the expression was judged on.</summary>
    public double? Observed { get; init; }

    /// <summary>Whether the threshold stops the run when it fails.</summary>
    public bool AbortOnFail { get; init; }

    /// <summary>True when this threshold stopped the run.</summary>
    public bool Aborted { get; init; }

    /// <summary>Run second at which it first failed during the run, if it did.</summary>
    public double? FirstFailedAt { get; init; }
}

/// <summary>One scenario's totals.</summary>
public sealed record ScenarioResult
{
    /// <summary>The scenario's name.</summary>
    public required string Name { get; init; }

    /// <summary>The executor type.</summary>
    public required string Executor { get; init; }

    /// <summary>Iterations that finished (including those that threw).</summary>
    public long Iterations { get; init; }

    /// <summary>Iterations that threw an exception.</summary>
    public long FailedIterations { get; init; }

    /// <summary>Iterations cut off by a stop.</summary>
    public long InterruptedIterations { get; init; }

    /// <summary>Arrivals that found no free VU.</summary>
    public long DroppedIterations { get; init; }

    /// <summary>VUs the scenario created.</summary>
    public int Vus { get; init; }
}

/// <summary>An error thrown by iterations, with how often it happened.</summary>
public sealed record ErrorResult(string Scenario, string Message, long Count);

using Stampede.Plans;

namespace Stampede.K6.Options;

/// <summary>What a script's <c>export const options</c> says, read into Stampede's terms.</summary>
internal sealed record K6Options
{
    public IReadOnlyList<K6Scenario> Scenarios { get; init; } = [];

    public IReadOnlyList<ThresholdPlan> Thresholds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>k6's default: <c>["avg","min","med","max","p(90)","p(95)"]</c>.</summary>
    public IReadOnlyList<string> SummaryTrendStats { get; init; } = ["avg", "min", "med", "max", "p(90)", "p(95)"];

    /// <summary>A fixed unit for durations in the summary (<c>s</c>, <c>ms</c>, <c>us</c>), or null for the unit that fits each value.</summary>
    public string? SummaryTimeUnit { get; init; }

    public bool DiscardResponseBodies { get; init; }

    public string? UserAgent { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>k6's <c>maxRedirects</c>, the plan's <c>http.maxRedirects</c> (validated there, 0–100); null: the default (10, k6's).</summary>
    public int? MaxRedirects { get; init; }

    /// <summary>k6's <c>noCookiesReset</c>: keep the VU's cookies from one iteration to the next.</summary>
    public bool NoCookiesReset { get; init; }

    public TimeSpan SetupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan TeardownTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

namespace Stampede.Cli;

/// <summary>The run options as given, before they are checked and applied to a plan.</summary>
internal sealed record RunSettings
{
    public int? Vus { get; init; }

    /// <summary>Both --vus and --users were given (they say the same thing).</summary>
    public bool BothVusAndUsers { get; init; }

    /// <summary>--spawn-rate: users started per second, Locust's ramp.</summary>
    public double? SpawnRate { get; init; }

    public string? Duration { get; init; }

    public int? Iterations { get; init; }

    public IReadOnlyList<string> Stages { get; init; } = [];

    public double? Rate { get; init; }

    /// <summary><c>queue</c> or <c>drop</c>: replaces the overflow of every arrival-rate scenario.</summary>
    public string? Overflow { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string> Outputs { get; init; } = [];

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Quiet { get; init; }

    public bool NoSummary { get; init; }

    public bool NoColor { get; init; }

    public bool Http2 { get; init; }

    public bool Insecure { get; init; }

    public string? Timeout { get; init; }

    public string? Profile { get; init; }

    public string? Store { get; init; }

    public string? Baseline { get; init; }

    public string? Regressions { get; init; }

    public bool NoHistory { get; init; }

    /// <summary>Leave what the plan's tenants created on the target.</summary>
    public bool KeepData { get; init; }

    /// <summary>The execution segment to run (<c>1/4:1/2</c>), as given.</summary>
    public string? Segment { get; init; }

    /// <summary>The execution segment sequence (<c>0,1/4,1/2,3/4,1</c>), as given.</summary>
    public string? SegmentSequence { get; init; }

    /// <summary>
    /// A coordinated run's worker: the coordinator judges <c>abortOnFail</c> thresholds on every worker's totals
    /// together and tells the workers to stop, so this share does not abort on its own part of the load.
    /// </summary>
    public bool AbortsJudgedElsewhere { get; init; }

    /// <summary><c>--dashboard</c>: null without it, empty for the default address, else <c>[HOST:]PORT</c>.</summary>
    public string? Dashboard { get; init; }

    /// <summary><c>--dashboard-token</c>, or null to generate one.</summary>
    public string? DashboardToken { get; init; }

    /// <summary><c>--dashboard-linger</c>, as given.</summary>
    public string? DashboardLinger { get; init; }

    /// <summary>True when the options replace the plan's executors.</summary>
    public bool OverridesLoad => Vus is not null || Duration is not null || Iterations is not null || Stages.Count > 0 || Rate is not null || SpawnRate is not null;
}

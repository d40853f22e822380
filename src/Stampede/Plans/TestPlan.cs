using Stampede.Execution;

namespace Stampede.Plans;

/// <summary>
/// A whole load test as plain data: scenarios, thresholds, lifecycle hooks and defaults. Front-ends (the C# builder,
/// YAML, k6 scripts) build one; the <see cref="Engine"/> runs it. Validate with <see cref="Validate"/> before running.
/// </summary>
public sealed record TestPlan
{
    /// <summary>The plan's name (used in reports and file names).</summary>
    public required string Name { get; init; }

    /// <summary>Relative request URLs resolve against this.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The scenarios, run side by side.</summary>
    public IReadOnlyList<ScenarioPlan> Scenarios { get; init; } = [];

    /// <summary>Pass/fail criteria.</summary>
    public IReadOnlyList<ThresholdPlan> Thresholds { get; init; } = [];

    /// <summary>Runs once before any scenario; what it returns is handed to every VU as <see cref="VuContext.SetupData"/>.</summary>
    public Func<VuContext, Task<object?>>? Setup { get; init; }

    /// <summary>
    /// Runs once before the run's clock starts, given the plan as it will run (after the command line's overrides, and
    /// only this machine's share of it when the run is one segment of a larger one):
    /// a script front end initialises its VUs' runtimes here, as k6 does before a test starts, so that no
    /// iteration pays for it. When it throws, the run stops with <c>init failed</c> before setup.
    /// </summary>
    public Func<TestPlan, CancellationToken, Task>? Prepare { get; init; }

    /// <summary>Runs once after every scenario, with the setup's data.</summary>
    public Func<VuContext, object?, Task>? Teardown { get; init; }

    /// <summary>
    /// Writes what <see cref="Setup"/> returned as text, for a run split across machines that sets up once and hands
    /// the data to the others; null when the front end cannot (then every machine runs setup for its share).
    /// </summary>
    internal Func<object?, string?>? WriteSetupData { get; init; }

    /// <summary>Reads what <see cref="WriteSetupData"/> wrote, as <see cref="Setup"/> would have returned it.</summary>
    internal Func<string?, object?>? ReadSetupData { get; init; }

    /// <summary>Longest time setup or teardown may take. Default 60s.</summary>
    public TimeSpan SetupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Environment variables every VU sees (<c>-e KEY=VALUE</c>).</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Tags added to every sample.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Query parameter names whose values are kept out of every output, added to the built-in list (api_key, apikey,
    /// key, token, access_token, auth, password, secret, signature, sig). Matched case-insensitively, also as the end
    /// of a longer name (<c>session</c> covers <c>user_session</c>). Default none.
    /// </summary>
    public IReadOnlyList<string> Redact { get; init; } = [];

    /// <summary>Custom metrics the plan records, so thresholds on them can be checked when the plan loads.</summary>
    public IReadOnlyList<Metrics.Metric> Metrics { get; init; } = [];

    /// <summary>HTTP defaults for every VU.</summary>
    public HttpDefaults Http { get; init; } = new();

    /// <summary>Seed for every random choice the plan's VUs make (<c>vu.Random</c>, templates, fake data), so runs repeat. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>What to watch on the target during the run (Prometheus scraping). Default null.</summary>
    public Monitoring.MonitorPlan? Monitor { get; init; }

    /// <summary>The target as a local process to start, stop and sample. Default null.</summary>
    public Monitoring.TargetPlan? Target { get; init; }

    /// <summary>Faults to inject on a schedule, and the fault proxy. Default null.</summary>
    public Monitoring.ChaosPlan? Chaos { get; init; }

    /// <summary>Limits that stop the run cleanly (error rate, duration). Default null.</summary>
    public Monitoring.RunLimits? Limits { get; init; }

    /// <summary>Organisations, users and keys to create on the target before the scenarios and delete after them. Default null.</summary>
    public Tenants.TenantPlan? Tenants { get; init; }

    /// <summary>Where the plan came from (a file), for error messages and reports.</summary>
    public string? Source { get; init; }

    /// <summary>Starts a plan in C#: <c>TestPlan.Create("name").Scenario(…).Threshold(…)</c>.</summary>
    public static TestPlanBuilder Create(string name) => new(name);

    /// <summary>Every problem with this plan; empty when it can run.</summary>
    public IReadOnlyList<PlanError> Validate() => [.. PlanValidator.Validate(this), .. Monitoring.MonitoringValidation.Validate(this), .. Plans.Tenants.TenantValidation.Validate(this)];

    /// <summary>
    /// What validates but probably is not what the author meant (a threshold on a metric no scenario records, an
    /// abort that can never happen); a warning does not stop a run. Check <see cref="Validate"/> first.
    /// </summary>
    public IReadOnlyList<PlanError> Warnings() => PlanWarnings.For(this);
}

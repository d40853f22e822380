using Stampede.Execution;

namespace Stampede.Plans;

/// <summary>
/// Builds a <see cref="TestPlan"/> in C# so it reads like a description of the load:
/// <code>
/// TestPlan.Create("api-health")
///     .BaseUrl("http://127.0.0.1:5000")
///     .Scenario("health", s => s.ConstantVus(10, "30s").Iteration(async vu => { ... }))
///     .Threshold("http_req_duration", "p(95)&lt;500");
/// </code>
/// </summary>
public sealed class TestPlanBuilder
{
    private readonly List<ScenarioBuilder> _scenarios = [];
    private readonly List<ThresholdPlan> _thresholds = [];
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly List<Metrics.Metric> _metrics = [];
    private readonly List<string> _redact = [];
    private readonly List<PlanError> _errors = [];
    private Uri? _baseUrl;
    private Func<VuContext, Task<object?>>? _setup;
    private Func<VuContext, object?, Task>? _teardown;
    private HttpDefaults _http = new();
    private int _seed = 1;
    private Monitoring.MonitorPlan? _monitor;
    private Monitoring.TargetPlan? _target;
    private Monitoring.ChaosPlan? _chaos;
    private Monitoring.RunLimits? _limits;
    private Tenants.TenantPlan? _tenants;

    internal TestPlanBuilder(string name)
    {
        Name = name;
    }

    /// <summary>The plan's name.</summary>
    public string Name { get; }

    /// <summary>Relative URLs resolve against <paramref name="url"/>.</summary>
    public TestPlanBuilder BaseUrl(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            _baseUrl = uri;
        }
        else
        {
            _errors.Add(new PlanError("baseUrl", $"expected an absolute URL, found '{url}'"));
        }

        return this;
    }

    /// <summary>Adds a scenario configured by <paramref name="configure"/>.</summary>
    public TestPlanBuilder Scenario(string name, Action<ScenarioBuilder> configure)
    {
        var scenario = new ScenarioBuilder(name);
        configure(scenario);
        _scenarios.Add(scenario);
        return this;
    }

    /// <summary>Adds thresholds on <paramref name="selector"/> (a metric, optionally with <c>{tag:value}</c> filters).</summary>
    public TestPlanBuilder Threshold(string selector, params string[] expressions)
    {
        foreach (var expression in expressions)
        {
            _thresholds.Add(new ThresholdPlan(selector, expression));
        }

        return this;
    }

    /// <summary>Adds a threshold that stops the run when it fails (after <paramref name="delayAbortEval"/>).</summary>
    public TestPlanBuilder Threshold(string selector, string expression, bool abortOnFail, TimeSpan delayAbortEval = default)
    {
        _thresholds.Add(new ThresholdPlan(selector, expression, abortOnFail, delayAbortEval));
        return this;
    }

    /// <summary>Declares a custom metric, so thresholds can name it.</summary>
    public TestPlanBuilder Metric(Metrics.Metric metric)
    {
        _metrics.Add(metric);
        return this;
    }

    /// <summary>Runs <paramref name="setup"/> once before the scenarios; its result is every VU's <see cref="VuContext.SetupData"/>.</summary>
    public TestPlanBuilder Setup(Func<VuContext, Task<object?>> setup)
    {
        _setup = setup;
        return this;
    }

    /// <summary>Runs <paramref name="teardown"/> once after the scenarios, with setup's data.</summary>
    public TestPlanBuilder Teardown(Func<VuContext, object?, Task> teardown)
    {
        _teardown = teardown;
        return this;
    }

    /// <summary>Sets an environment variable every VU sees.</summary>
    public TestPlanBuilder Env(string key, string value)
    {
        _env[key] = value;
        return this;
    }

    /// <summary>Adds a tag to every sample.</summary>
    public TestPlanBuilder Tag(string key, string value)
    {
        _tags[key] = value;
        return this;
    }

    /// <summary>Keeps the values of these query parameters out of every output, besides the built-in credential names.</summary>
    public TestPlanBuilder Redact(params string[] parameterNames)
    {
        _redact.AddRange(parameterNames);
        return this;
    }

    /// <summary>Seeds every random choice of the plan's VUs, so runs repeat. Default 1.</summary>
    public TestPlanBuilder Seed(int seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>Changes the HTTP defaults.</summary>
    public TestPlanBuilder Http(Func<HttpDefaults, HttpDefaults> change)
    {
        _http = change(_http);
        return this;
    }

    /// <summary>Scrapes the target's Prometheus endpoint during the run; selected names become metrics thresholds may name.</summary>
    public TestPlanBuilder Monitor(Monitoring.PrometheusScrapeOptions prometheus)
    {
        _monitor = new Monitoring.MonitorPlan { Prometheus = prometheus };
        return this;
    }

    /// <summary>Starts (or watches) the target as a local process and samples its resources.</summary>
    public TestPlanBuilder Target(Monitoring.TargetPlan target)
    {
        _target = target;
        return this;
    }

    /// <summary>Routes the VUs' traffic through the fault proxy (see <see cref="Monitoring.FaultProxyPlan"/>).</summary>
    public TestPlanBuilder FaultProxy(Monitoring.FaultProxyPlan? proxy = null)
    {
        _chaos = (_chaos ?? new Monitoring.ChaosPlan()) with { Proxy = proxy ?? new Monitoring.FaultProxyPlan() };
        return this;
    }

    /// <summary>Injects a fault on a schedule.</summary>
    public TestPlanBuilder Fault(Monitoring.FaultPlan fault)
    {
        _chaos ??= new Monitoring.ChaosPlan();
        _chaos = _chaos with { Faults = [.. _chaos.Faults, fault] };
        return this;
    }

    /// <summary>Changes the bounds of the resilience verdicts.</summary>
    public TestPlanBuilder Resilience(Monitoring.ResilienceOptions resilience)
    {
        _chaos = (_chaos ?? new Monitoring.ChaosPlan()) with { Resilience = resilience };
        return this;
    }

    /// <summary>Stops the run cleanly when a limit is reached.</summary>
    public TestPlanBuilder Limits(Monitoring.RunLimits limits)
    {
        _limits = limits;
        return this;
    }

    /// <summary>
    /// Creates organisations, users and keys on the target before the scenarios and deletes them after; every VU acts
    /// as one user (<see cref="VuContext.Tenant"/>) and its samples carry the <c>tenant</c> tag.
    /// </summary>
    public TestPlanBuilder Tenants(Tenants.TenantPlan tenants)
    {
        _tenants = tenants;
        return this;
    }

    /// <summary>The plan, and every problem the builder saw (the plan's own validation runs too).</summary>
    public TestPlan Build(out IReadOnlyList<PlanError> errors)
    {
        var all = new List<PlanError>(_errors);
        var scenarios = new List<ScenarioPlan>();
        foreach (var scenario in _scenarios)
        {
            if (scenario.Build(all) is { } built)
            {
                scenarios.Add(built);
            }
        }

        var plan = new TestPlan
        {
            Name = Name,
            BaseUrl = _baseUrl,
            Scenarios = scenarios,
            Thresholds = [.. _thresholds],
            Setup = _setup,
            Teardown = _teardown,
            Env = new Dictionary<string, string>(_env),
            Tags = new Dictionary<string, string>(_tags),
            Redact = [.. _redact],
            Metrics = [.. _metrics, .. Monitoring.MonitoredMetrics.DeclaredBy(_monitor, _target, _chaos)],
            Http = _http,
            Seed = _seed,
            Monitor = _monitor,
            Target = _target,
            Chaos = _chaos,
            Limits = _limits,
            Tenants = _tenants,
        };
        all.AddRange(plan.Validate());
        errors = all;
        return plan;
    }

    /// <summary>The plan; throws <see cref="PlanException"/> listing every problem when it is not valid.</summary>
    public TestPlan Build()
    {
        var plan = Build(out var errors);
        return errors.Count > 0 ? throw new PlanException(errors) : plan;
    }
}

using Stampede.Execution;
using Stampede.Plans.Executors;

namespace Stampede.Plans;

/// <summary>Configures one scenario: an executor, the iteration and optional timing, tags and environment.</summary>
public sealed class ScenarioBuilder
{
    private readonly string _name;
    private readonly List<PlanError> _errors = [];
    private ExecutorOptions? _executor;
    private Func<VuContext, Task>? _iteration;
    private TimeSpan _startTime;
    private TimeSpan _gracefulStop = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    internal ScenarioBuilder(string name)
    {
        _name = name;
    }

    /// <summary><c>constant-vus</c>: <paramref name="vus"/> VUs for <paramref name="duration"/> (e.g. <c>"30s"</c>).</summary>
    public ScenarioBuilder ConstantVus(int vus, string duration) =>
        Use(new ConstantVusOptions { Vus = vus, Duration = ParseDuration(duration, "duration") });

    /// <summary><c>ramping-vus</c>: VUs follow <paramref name="stages"/> (duration, target) from <paramref name="startVus"/>.</summary>
    public ScenarioBuilder RampingVus(IEnumerable<(string Duration, double Target)> stages, int startVus = 0, string gracefulRampDown = "30s") =>
        Use(new RampingVusOptions
        {
            StartVus = startVus,
            Stages = ParseStages(stages),
            GracefulRampDown = ParseDuration(gracefulRampDown, "gracefulRampDown"),
        });

    /// <summary><c>constant-arrival-rate</c>: <paramref name="rate"/> iterations per <paramref name="timeUnit"/> for <paramref name="duration"/>.</summary>
    public ScenarioBuilder ConstantArrivalRate(double rate, string duration, int preAllocatedVus, int maxVus = 0, string timeUnit = "1s") =>
        Use(new ConstantArrivalRateOptions
        {
            Rate = rate,
            Duration = ParseDuration(duration, "duration"),
            PreAllocatedVus = preAllocatedVus,
            MaxVus = maxVus,
            TimeUnit = ParseDuration(timeUnit, "timeUnit"),
        });

    /// <summary><c>ramping-arrival-rate</c>: the start rate follows <paramref name="stages"/> (duration, rate per time unit).</summary>
    public ScenarioBuilder RampingArrivalRate(IEnumerable<(string Duration, double Target)> stages, int preAllocatedVus, int maxVus = 0, double startRate = 0, string timeUnit = "1s") =>
        Use(new RampingArrivalRateOptions
        {
            Stages = ParseStages(stages),
            PreAllocatedVus = preAllocatedVus,
            MaxVus = maxVus,
            StartRate = startRate,
            TimeUnit = ParseDuration(timeUnit, "timeUnit"),
        });

    /// <summary><c>per-vu-iterations</c>: each of <paramref name="vus"/> VUs runs <paramref name="iterations"/> iterations.</summary>
    public ScenarioBuilder PerVuIterations(int vus, int iterations, string maxDuration = "10m") =>
        Use(new PerVuIterationsOptions { Vus = vus, Iterations = iterations, MaxDuration = ParseDuration(maxDuration, "maxDuration") });

    /// <summary><c>shared-iterations</c>: <paramref name="vus"/> VUs share <paramref name="iterations"/> iterations.</summary>
    public ScenarioBuilder SharedIterations(int vus, int iterations, string maxDuration = "10m") =>
        Use(new SharedIterationsOptions { Vus = vus, Iterations = iterations, MaxDuration = ParseDuration(maxDuration, "maxDuration") });

    /// <summary>
    /// For an arrival-rate executor: what an arrival does when every VU is busy. <see cref="ArrivalOverflow.Queue"/>
    /// (the default) waits in a backlog of at most <paramref name="maxQueued"/> arrivals (default 100,000), each for
    /// at most <paramref name="maxQueueWait"/> (default 30s); <see cref="ArrivalOverflow.Drop"/> drops it, as k6 does.
    /// Call after the executor.
    /// </summary>
    public ScenarioBuilder Overflow(ArrivalOverflow overflow, int? maxQueued = null, string? maxQueueWait = null)
    {
        if (_executor is not ArrivalRateOptions arrivals)
        {
            _errors.Add(new PlanError($"scenarios.{_name}.overflow", "applies only to constant-arrival-rate and ramping-arrival-rate: call ConstantArrivalRate or RampingArrivalRate first"));
            return this;
        }

        _executor = arrivals with
        {
            Overflow = overflow,
            MaxQueued = maxQueued ?? arrivals.MaxQueued,
            MaxQueueWait = maxQueueWait is null ? arrivals.MaxQueueWait : ParseDuration(maxQueueWait, "maxQueueWait"),
        };
        return this;
    }

    /// <summary>Uses executor options built elsewhere.</summary>
    public ScenarioBuilder Executor(ExecutorOptions options) => Use(options);

    /// <summary>What one iteration does.</summary>
    public ScenarioBuilder Iteration(Func<VuContext, Task> iteration)
    {
        _iteration = iteration;
        return this;
    }

    /// <summary>Starts the scenario <paramref name="startTime"/> after the run starts.</summary>
    public ScenarioBuilder StartTime(string startTime)
    {
        _startTime = ParseDuration(startTime, "startTime");
        return this;
    }

    /// <summary>How long running iterations may finish when time is up. Default 30s.</summary>
    public ScenarioBuilder GracefulStop(string gracefulStop)
    {
        _gracefulStop = ParseDuration(gracefulStop, "gracefulStop");
        return this;
    }

    /// <summary>Adds a tag to this scenario's samples.</summary>
    public ScenarioBuilder Tag(string key, string value)
    {
        _tags[key] = value;
        return this;
    }

    /// <summary>Sets an environment variable for this scenario's VUs.</summary>
    public ScenarioBuilder Env(string key, string value)
    {
        _env[key] = value;
        return this;
    }

    internal ScenarioPlan? Build(List<PlanError> errors)
    {
        errors.AddRange(_errors);
        if (_executor is null)
        {
            errors.Add(new PlanError($"scenarios.{_name}", "has no executor: call ConstantVus, RampingVus, ConstantArrivalRate, RampingArrivalRate, PerVuIterations or SharedIterations"));
        }

        if (_iteration is null)
        {
            errors.Add(new PlanError($"scenarios.{_name}", "has no iteration: call Iteration(async vu => …)"));
        }

        return _executor is null || _iteration is null
            ? null
            : new ScenarioPlan
            {
                Name = _name,
                Executor = _executor,
                Iteration = _iteration,
                StartTime = _startTime,
                GracefulStop = _gracefulStop,
                Tags = new Dictionary<string, string>(_tags),
                Env = new Dictionary<string, string>(_env),
            };
    }

    private ScenarioBuilder Use(ExecutorOptions options)
    {
        _executor = options;
        return this;
    }

    private TimeSpan ParseDuration(string text, string setting)
    {
        if (Duration.TryParse(text, out var value, out var error))
        {
            return value;
        }

        _errors.Add(new PlanError($"scenarios.{_name}.{setting}", error!));
        return TimeSpan.Zero;
    }

    private List<Stage> ParseStages(IEnumerable<(string Duration, double Target)> stages) =>
        [.. stages.Select((s, i) => new Stage(ParseDuration(s.Duration, $"stages[{i}].duration"), s.Target))];
}

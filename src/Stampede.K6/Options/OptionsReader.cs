using System.Globalization;
using System.Text.Json.Nodes;
using Stampede.Plans;
using Stampede.Plans.Executors;

namespace Stampede.K6.Options;

/// <summary>
/// Reads k6's <c>options</c> (as JSON, the way k6 itself reads them) into scenarios, thresholds and request options,
/// with k6's option names and shortcuts; every problem is reported, located at the script's <c>options</c>.
/// </summary>
internal sealed class OptionsReader(SourceLocation? location, List<PlanError> errors)
{
    /// <summary>Options read and applied; the documented set (docs/k6-compatibility.md) is kept equal to this by a test.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "vus", "duration", "iterations", "stages", "scenarios", "thresholds", "tags", "summaryTrendStats", "summaryTimeUnit",
        "discardResponseBodies", "userAgent", "insecureSkipTLSVerify", "setupTimeout", "teardownTimeout", "maxRedirects",
        "noCookiesReset",
    };

    /// <summary>Options accepted and ignored because they do not change what Stampede measures or how it loads (said in the docs).</summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.Ordinal)
    {
        "noConnectionReuse", "noVUConnectionReuse", "batch", "batchPerHost", "httpDebug", "throw", "minIterationDuration",
        "systemTags", "cloud", "ext", "noUsageReport",
    };

    public static readonly IReadOnlySet<string> Executors = new HashSet<string>(StringComparer.Ordinal)
    {
        "constant-vus", "ramping-vus", "constant-arrival-rate", "ramping-arrival-rate", "per-vu-iterations", "shared-iterations",
    };

    public K6Options Read(JsonObject? options, IReadOnlySet<string> exportedFunctions)
    {
        options ??= [];
        foreach (var (key, _) in options)
        {
            if (!Supported.Contains(key) && !Ignored.Contains(key))
            {
                Error($"options.{key}", $"the option '{key}' is not supported (see docs/k6-compatibility.md)");
            }
        }

        var scenarios = options["scenarios"] is JsonObject declared
            ? ReadScenarios(declared, exportedFunctions)
            : [Shortcut(options)];
        return new K6Options
        {
            Scenarios = scenarios,
            Thresholds = ReadThresholds(options["thresholds"]),
            Tags = Strings(options["tags"], "options.tags"),
            SummaryTrendStats = options["summaryTrendStats"] is JsonArray stats ? [.. stats.Select(s => s?.ToString() ?? "")] : new K6Options().SummaryTrendStats,
            SummaryTimeUnit = options["summaryTimeUnit"]?.ToString() is { Length: > 0 } unit ? unit : null,
            DiscardResponseBodies = Bool(options["discardResponseBodies"]),
            UserAgent = options["userAgent"]?.ToString(),
            InsecureSkipTlsVerify = Bool(options["insecureSkipTLSVerify"]),
            MaxRedirects = Int(options["maxRedirects"], "options.maxRedirects"),
            NoCookiesReset = Bool(options["noCookiesReset"]),
            SetupTimeout = Time(options["setupTimeout"], "options.setupTimeout") ?? TimeSpan.FromSeconds(60),
            TeardownTimeout = Time(options["teardownTimeout"], "options.teardownTimeout") ?? TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>k6's shortcuts: stages → ramping-vus; iterations → shared-iterations; duration → constant-vus; none → one iteration.</summary>
    private K6Scenario Shortcut(JsonObject options)
    {
        var vus = Int(options["vus"], "options.vus") ?? 1;
        var duration = Time(options["duration"], "options.duration");
        var iterations = Int(options["iterations"], "options.iterations");
        ExecutorOptions executor;
        if (options["stages"] is JsonArray stages)
        {
            executor = new RampingVusOptions { StartVus = vus, Stages = Stages(stages, "options.stages"), GracefulRampDown = TimeSpan.FromSeconds(30) };
        }
        else if (iterations is { } count)
        {
            executor = new SharedIterationsOptions { Vus = vus, Iterations = count, MaxDuration = duration ?? TimeSpan.FromMinutes(10) };
        }
        else if (duration is { } length && length > TimeSpan.Zero)
        {
            executor = new ConstantVusOptions { Vus = vus, Duration = length };
        }
        else
        {
            executor = new PerVuIterationsOptions { Vus = 1, Iterations = 1 };
        }

        return new K6Scenario("default", executor, "default");
    }

    private List<K6Scenario> ReadScenarios(JsonObject scenarios, IReadOnlySet<string> exportedFunctions)
    {
        var result = new List<K6Scenario>();
        foreach (var (name, node) in scenarios)
        {
            var path = $"options.scenarios.{name}";
            if (node is not JsonObject s)
            {
                Error(path, "expected an object with an executor");
                continue;
            }

            var type = s["executor"]?.ToString();
            if (type is null || !Executors.Contains(type))
            {
                Error($"{path}.executor", type is null ? "a scenario needs an executor" : $"unknown executor '{type}'; expected one of {string.Join(", ", Executors)}");
                continue;
            }

            var exec = s["exec"]?.ToString() ?? "default";
            if (!exportedFunctions.Contains(exec))
            {
                Error($"{path}.exec", $"the script exports no function '{exec}'");
            }

            var executor = Executor(type, s, path);
            if (executor is null)
            {
                continue;
            }

            result.Add(new K6Scenario(name, executor, exec)
            {
                StartTime = Time(s["startTime"], $"{path}.startTime") ?? TimeSpan.Zero,
                GracefulStop = Time(s["gracefulStop"], $"{path}.gracefulStop") ?? TimeSpan.FromSeconds(30),
                Tags = Strings(s["tags"], $"{path}.tags"),
                Env = Strings(s["env"], $"{path}.env"),
            });
        }

        return result;
    }

    private ExecutorOptions? Executor(string type, JsonObject s, string path)
    {
        int? I(string key) => Int(s[key], $"{path}.{key}");
        TimeSpan? T(string key) => Time(s[key], $"{path}.{key}");
        TimeSpan Required(string key)
        {
            if (T(key) is { } value)
            {
                return value;
            }

            Error($"{path}.{key}", $"the {type} executor needs '{key}'");
            return TimeSpan.Zero;
        }

        // k6 drops an arrival when no VU is free; 'overflow: queue' opts into Stampede's backlog.
        var overflow = s["overflow"]?.ToString() switch
        {
            null or "drop" => ArrivalOverflow.Drop,
            "queue" => ArrivalOverflow.Queue,
            var other => Invalid(other),
        };
        ArrivalOverflow Invalid(string other)
        {
            Error($"{path}.overflow", $"expected 'drop' or 'queue', found '{other}'");
            return ArrivalOverflow.Drop;
        }

        return type switch
        {
            "constant-vus" => new ConstantVusOptions { Vus = I("vus") ?? 1, Duration = Required("duration") },
            "ramping-vus" => new RampingVusOptions
            {
                StartVus = I("startVUs") ?? 1,
                Stages = s["stages"] is JsonArray stages ? Stages(stages, $"{path}.stages") : [],
                GracefulRampDown = T("gracefulRampDown") ?? TimeSpan.FromSeconds(30),
            },
            "constant-arrival-rate" => new ConstantArrivalRateOptions
            {
                Rate = Number(s["rate"], $"{path}.rate") ?? 0,
                TimeUnit = T("timeUnit") ?? TimeSpan.FromSeconds(1),
                Duration = Required("duration"),
                PreAllocatedVus = I("preAllocatedVUs") ?? 0,
                MaxVus = I("maxVUs") ?? I("preAllocatedVUs") ?? 0,
                Overflow = overflow,
            },
            "ramping-arrival-rate" => new RampingArrivalRateOptions
            {
                StartRate = Number(s["startRate"], $"{path}.startRate") ?? 0,
                TimeUnit = T("timeUnit") ?? TimeSpan.FromSeconds(1),
                Stages = s["stages"] is JsonArray stages ? Stages(stages, $"{path}.stages") : [],
                PreAllocatedVus = I("preAllocatedVUs") ?? 0,
                MaxVus = I("maxVUs") ?? I("preAllocatedVUs") ?? 0,
                Overflow = overflow,
            },
            "per-vu-iterations" => new PerVuIterationsOptions { Vus = I("vus") ?? 1, Iterations = I("iterations") ?? 1, MaxDuration = T("maxDuration") ?? TimeSpan.FromMinutes(10) },
            _ => new SharedIterationsOptions { Vus = I("vus") ?? 1, Iterations = I("iterations") ?? 1, MaxDuration = T("maxDuration") ?? TimeSpan.FromMinutes(10) },
        };
    }

    private List<ThresholdPlan> ReadThresholds(JsonNode? node)
    {
        var result = new List<ThresholdPlan>();
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject thresholds)
        {
            Error("options.thresholds", "expected an object: { metric: ['p(95)<500', …] }");
            return result;
        }

        foreach (var (selector, value) in thresholds)
        {
            var path = $"options.thresholds['{selector}']";
            var items = value is JsonArray array ? array.ToList() : [value];
            foreach (var item in items)
            {
                switch (item)
                {
                    case JsonValue text when text.TryGetValue<string>(out var expression):
                        result.Add(new ThresholdPlan(selector, expression) { Location = location });
                        break;
                    case JsonObject full when full["threshold"]?.ToString() is { } expression:
                        result.Add(new ThresholdPlan(selector, expression, Bool(full["abortOnFail"]), Time(full["delayAbortEval"], $"{path}.delayAbortEval") ?? TimeSpan.Zero) { Location = location });
                        break;
                    default:
                        Error(path, "expected a threshold string ('p(95)<500') or { threshold, abortOnFail, delayAbortEval }");
                        break;
                }
            }
        }

        return result;
    }

    private List<Stage> Stages(JsonArray stages, string path)
    {
        var result = new List<Stage>();
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i] is not JsonObject stage)
            {
                Error($"{path}[{i}]", "expected { duration, target }");
                continue;
            }

            var duration = Time(stage["duration"], $"{path}[{i}].duration") ?? TimeSpan.Zero;
            var target = Number(stage["target"], $"{path}[{i}].target") ?? 0;
            result.Add(new Stage(duration, target));
        }

        return result;
    }

    private Dictionary<string, string> Strings(JsonNode? node, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject obj)
        {
            Error(path, "expected an object of strings");
            return result;
        }

        foreach (var (key, value) in obj)
        {
            result[key] = value?.ToString() ?? "";
        }

        return result;
    }

    /// <summary>A k6 duration: a string ('1m30s') or a number of milliseconds.</summary>
    private TimeSpan? Time(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue number && number.TryGetValue<double>(out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (Duration.TryParse(node.ToString(), out var value, out var error))
        {
            return value;
        }

        Error(path, error ?? $"expected a duration such as '30s', found '{node}'");
        return null;
    }

    private int? Int(JsonNode? node, string path)
    {
        var value = Number(node, path);
        if (value is { } v && (v < 0 || v != Math.Floor(v)))
        {
            Error(path, $"expected a whole number of at least 0, found {v.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value is null ? null : (int)value.Value;
    }

    private double? Number(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<double>(out var number))
        {
            return number;
        }

        if (double.TryParse(node.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        Error(path, $"expected a number, found '{node}'");
        return null;
    }

    private static bool Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    private void Error(string path, string message) => errors.Add(new PlanError(path, message, location));
}

using Stampede.Plans;
using Stampede.Plans.Executors;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads a scenario's <c>executor:</c> and the options that belong to it; what the plan leaves out keeps the options record's default.</summary>
internal sealed class ExecutorReader(PlanReader reader)
{
    private readonly StagesReader _stages = new(reader);

    public ExecutorOptions? Read(YamlNode node, string path, Dictionary<string, (YamlScalarNode KeyNode, YamlNode Value)> get)
    {
        var type = reader.Text(node, path + ".executor", "an executor name");
        if (type is null)
        {
            return null;
        }

        if (!PlanKeys.ExecutorOptions.TryGetValue(type, out var allowed))
        {
            var suggestion = NameSuggestion.Closest(type, PlanKeys.Executors);
            reader.Error(path + ".executor", $"unknown executor '{type}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" (executors: {string.Join(", ", PlanKeys.Executors)})", node);
            return null;
        }

        var ok = true;
        foreach (var (key, (keyNode, _)) in get.Where(e => !PlanKeys.ScenarioCommon.Contains(e.Key) && !allowed.Contains(e.Key)))
        {
            reader.Error(path + "." + key, $"'{key}' does not apply to {type} (it takes: {string.Join(", ", allowed)})", keyNode);
            ok = false;
        }

        int? Int(string key, int min, int max) => get.TryGetValue(key, out var v) ? reader.Int(v.Value, path + "." + key, min, max) : null;
        double? Number(string key) => get.TryGetValue(key, out var v) ? reader.Number(v.Value, path + "." + key, 0, 10_000_000) : null;
        TimeSpan? Time(string key) => get.TryGetValue(key, out var v) ? reader.Duration(v.Value, path + "." + key) : null;
        T Overflow<T>(T options) where T : ArrivalRateOptions => options with
        {
            Overflow = get.TryGetValue("overflow", out var o)
                ? reader.OneOf(o.Value, path + ".overflow", PlanKeys.OverflowModes) == "drop" ? ArrivalOverflow.Drop : ArrivalOverflow.Queue
                : options.Overflow,
            MaxQueued = Int("maxQueued", 1, 10_000_000) ?? options.MaxQueued,
            MaxQueueWait = Time("maxQueueWait") ?? options.MaxQueueWait,
        };
        void Require(string key)
        {
            if (!get.ContainsKey(key))
            {
                reader.Error(path, $"{type} needs {key}:", node);
                ok = false;
            }
        }

        // Only what the plan says replaces the options' own defaults: the records own them.
        const int Max = 1_000_000;
        ExecutorOptions? options;
        switch (type)
        {
            case "constant-vus":
                Require("duration");
                var constant = new ConstantVusOptions();
                options = constant with { Vus = Int("vus", 1, Max) ?? constant.Vus, Duration = Time("duration") ?? constant.Duration };
                break;
            case "ramping-vus":
                Require("stages");
                var ramping = new RampingVusOptions();
                options = ramping with
                {
                    StartVus = Int("startVUs", 0, Max) ?? ramping.StartVus,
                    Stages = _stages.Read(get, path, Max),
                    GracefulRampDown = Time("gracefulRampDown") ?? ramping.GracefulRampDown,
                };
                break;
            case "constant-arrival-rate":
                Require("rate");
                Require("duration");
                Require("preAllocatedVUs");
                var rate = new ConstantArrivalRateOptions();
                options = Overflow(rate with
                {
                    Rate = Number("rate") ?? rate.Rate,
                    TimeUnit = Time("timeUnit") ?? rate.TimeUnit,
                    Duration = Time("duration") ?? rate.Duration,
                    PreAllocatedVus = Int("preAllocatedVUs", 1, Max) ?? rate.PreAllocatedVus,
                    MaxVus = Int("maxVUs", 1, Max) ?? rate.MaxVus,
                });
                break;
            case "ramping-arrival-rate":
                Require("stages");
                Require("preAllocatedVUs");
                var rampingRate = new RampingArrivalRateOptions();
                options = Overflow(rampingRate with
                {
                    StartRate = Number("startRate") ?? rampingRate.StartRate,
                    TimeUnit = Time("timeUnit") ?? rampingRate.TimeUnit,
                    Stages = _stages.Read(get, path, 10_000_000),
                    PreAllocatedVus = Int("preAllocatedVUs", 1, Max) ?? rampingRate.PreAllocatedVus,
                    MaxVus = Int("maxVUs", 1, Max) ?? rampingRate.MaxVus,
                });
                break;
            case "per-vu-iterations":
                var perVu = new PerVuIterationsOptions();
                options = perVu with
                {
                    Vus = Int("vus", 1, Max) ?? perVu.Vus,
                    Iterations = Int("iterations", 1, 1_000_000_000) ?? perVu.Iterations,
                    MaxDuration = Time("maxDuration") ?? perVu.MaxDuration,
                };
                break;
            default:
                var shared = new SharedIterationsOptions();
                options = shared with
                {
                    Vus = Int("vus", 1, Max) ?? shared.Vus,
                    Iterations = Int("iterations", 1, 1_000_000_000) ?? shared.Iterations,
                    MaxDuration = Time("maxDuration") ?? shared.MaxDuration,
                };
                break;
        }

        return ok ? options : null;
    }
}

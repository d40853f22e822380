using Stampede.Plans;
using Stampede.Plans.Executors;

namespace Stampede.Cli;

/// <summary>
/// Applies command-line options to a plan, as k6's shortcut options do: load options replace every scenario's
/// executor (--stage → ramping-vus starting at --vus or 1; --rate → constant-arrival-rate; --iterations →
/// shared-iterations; --users/--spawn-rate → Locust's ramp; --vus/--duration → constant-vus); -e, --tag, --threshold and HTTP options add to the plan.
/// </summary>
internal static class PlanOverrides
{
    /// <summary>Where a run from the command line lists what its tenants created, unless the plan names a file.</summary>
    public const string DefaultTenantManifest = ".stampede/tenants-{run}.json";

    public static TestPlan Apply(TestPlan plan, RunSettings settings, List<PlanError> errors)
    {
        var env = new Dictionary<string, string>(plan.Env, StringComparer.Ordinal);
        foreach (var pair in settings.Env)
        {
            if (SplitPair(pair, '=', "--env", errors) is { } kv)
            {
                env[kv.Key] = kv.Value;
            }
        }

        var tags = new Dictionary<string, string>(plan.Tags, StringComparer.Ordinal);
        foreach (var pair in settings.Tags)
        {
            if (SplitPair(pair, '=', "--tag", errors) is { } kv)
            {
                tags[kv.Key] = kv.Value;
            }
        }

        var thresholds = plan.Thresholds.ToList();
        foreach (var text in settings.Thresholds)
        {
            // The selector may hold ':' inside its braces, so split at the first ':' after them.
            var close = text.IndexOf('}', StringComparison.Ordinal);
            var colon = text.IndexOf(':', close < 0 ? 0 : close);
            if (colon <= 0 || colon == text.Length - 1)
            {
                errors.Add(new PlanError("--threshold", $"expected METRIC:EXPRESSION (e.g. 'http_req_duration:p(95)<500'), found '{text}'"));
                continue;
            }

            thresholds.Add(new ThresholdPlan(text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }

        if (settings.AbortsJudgedElsewhere)
        {
            thresholds = [.. thresholds.Select(t => t with { AbortOnFail = false })];
        }

        var http = plan.Http;
        if (settings.Http2)
        {
            http = http with { Http2 = true };
        }

        if (settings.Insecure)
        {
            http = http with { InsecureSkipTlsVerify = true };
        }

        if (settings.Timeout is { } timeoutText)
        {
            if (Duration.TryParse(timeoutText, out var timeout, out var error))
            {
                http = http with { Timeout = timeout };
            }
            else
            {
                errors.Add(new PlanError("--timeout", error!));
            }
        }

        var scenarios = plan.Scenarios;
        if (settings.Profile is { } profileName)
        {
            scenarios = ApplyProfile(scenarios, profileName, settings, errors);
        }
        else if (settings.OverridesLoad && LoadFrom(settings, errors) is { } executor)
        {
            scenarios = [.. scenarios.Select(s => s with { Executor = executor })];
        }

        if (settings.Overflow is { } overflowText)
        {
            if (ParseOverflow(overflowText, errors) is { } overflow)
            {
                scenarios = [.. scenarios.Select(s => s.Executor is ArrivalRateOptions arrivals ? s with { Executor = arrivals with { Overflow = overflow } } : s)];
            }
        }

        var tenants = plan.Tenants;
        if (tenants is not null)
        {
            // A run from the command line always leaves a manifest behind while it holds data, so a crash can be cleaned up.
            tenants = tenants with { KeepData = tenants.KeepData || settings.KeepData, Manifest = tenants.Manifest ?? DefaultTenantManifest };
        }

        return plan with { Env = env, Tags = tags, Thresholds = thresholds, Http = http, Scenarios = scenarios, Tenants = tenants };
    }

    private static ArrivalOverflow? ParseOverflow(string text, List<PlanError> errors)
    {
        switch (text)
        {
            case "queue":
                return ArrivalOverflow.Queue;
            case "drop":
                return ArrivalOverflow.Drop;
            default:
                errors.Add(new PlanError("--overflow", $"expected queue or drop, found '{text}'"));
                return null;
        }
    }

    /// <summary>The executor the load options describe, or null (with errors) when they do not make sense.</summary>
    public static ExecutorOptions? LoadFrom(RunSettings settings, List<PlanError> errors, TimeSpan? defaultDuration = null)
    {
        TimeSpan? duration = null;
        if (settings.Duration is { } durationText)
        {
            if (Duration.TryParse(durationText, out var parsed, out var error))
            {
                duration = parsed;
            }
            else
            {
                errors.Add(new PlanError("--duration", error!));
                return null;
            }
        }

        if (settings.BothVusAndUsers)
        {
            errors.Add(new PlanError("--users", "--users is Locust's word for --vus: give one of them"));
            return null;
        }

        if (settings.SpawnRate is { } spawnRate)
        {
            if (spawnRate <= 0 || double.IsNaN(spawnRate) || double.IsInfinity(spawnRate))
            {
                errors.Add(new PlanError("--spawn-rate", $"expected users per second greater than 0, found {spawnRate}"));
                return null;
            }

            if (settings.Stages.Count > 0 || settings.Rate is not null || settings.Iterations is not null)
            {
                errors.Add(new PlanError("--spawn-rate", "is a ramp of its own: leave out --stage, --rate and --iterations"));
                return null;
            }

            return new Plans.Profiles.SpawnRateProfile(spawnRate).Build(new Plans.Profiles.ProfileParameters { Vus = settings.Vus, Duration = duration ?? defaultDuration });
        }

        if (settings.Stages.Count > 0)
        {
            var stages = new List<Stage>();
            foreach (var text in settings.Stages)
            {
                if (Stage.TryParse(text, out var stage, out var error))
                {
                    stages.Add(stage!);
                }
                else
                {
                    errors.Add(new PlanError("--stage", error!));
                }
            }

            return new RampingVusOptions { StartVus = settings.Vus ?? 1, Stages = stages };
        }

        if (settings.Rate is { } rate)
        {
            // As in k6, maxVUs defaults to the pre-allocated VUs: when they are all busy the arrivals wait for one
            // (or, with --overflow drop, are dropped and counted), rather than the run creating ever more VUs (and
            // connections) against a target that is already slow to answer.
            var vus = settings.Vus ?? (int)Math.Clamp(Math.Ceiling(rate / 10), 10, 1000);
            return new ConstantArrivalRateOptions
            {
                Rate = rate,
                Duration = duration ?? defaultDuration ?? TimeSpan.FromSeconds(30),
                PreAllocatedVus = vus,
                MaxVus = vus,
            };
        }

        if (settings.Iterations is { } iterations)
        {
            return new SharedIterationsOptions
            {
                Vus = Math.Min(settings.Vus ?? 1, Math.Max(iterations, 1)),
                Iterations = iterations,
                MaxDuration = duration ?? TimeSpan.FromMinutes(10),
            };
        }

        return new ConstantVusOptions { Vus = settings.Vus ?? 1, Duration = duration ?? defaultDuration ?? TimeSpan.FromSeconds(10) };
    }

    /// <summary>--profile: every scenario gets the profile, the load split evenly; --vus, --rate and --duration scale it.</summary>
    private static IReadOnlyList<ScenarioPlan> ApplyProfile(IReadOnlyList<ScenarioPlan> scenarios, string name, RunSettings settings, List<PlanError> errors)
    {
        if (Plans.Profiles.LoadProfiles.Find(name) is not { } profile)
        {
            var suggestion = NameSuggestion.Closest(name, Plans.Profiles.LoadProfiles.Names);
            errors.Add(new PlanError("--profile", $"unknown profile '{name}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" (profiles: {string.Join(", ", Plans.Profiles.LoadProfiles.Names)})"));
            return scenarios;
        }

        TimeSpan? duration = null;
        if (settings.Duration is { } text)
        {
            if (Duration.TryParse(text, out var parsed, out var error))
            {
                duration = parsed;
            }
            else
            {
                errors.Add(new PlanError("--duration", error!));
                return scenarios;
            }
        }

        var parameters = new Plans.Profiles.ProfileParameters { Vus = settings.Vus, Rate = settings.Rate, Duration = duration };
        return [.. scenarios.Select(s => s with { Executor = profile.Build(parameters, 1.0 / scenarios.Count) })];
    }

    private static KeyValuePair<string, string>? SplitPair(string text, char separator, string option, List<PlanError> errors)
    {
        var index = text.IndexOf(separator, StringComparison.Ordinal);
        if (index <= 0)
        {
            errors.Add(new PlanError(option, $"expected KEY{separator}VALUE, found '{text}'"));
            return null;
        }

        return new(text[..index], text[(index + 1)..]);
    }
}

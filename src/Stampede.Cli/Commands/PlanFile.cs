using Stampede.Cli.Hosting;
using Stampede.Plans;
using Stampede.Plans.Profiles;
using Stampede.Yaml;

namespace Stampede.Cli.Commands;

/// <summary>Loads a YAML plan file for <c>run</c> and <c>validate</c> with the command line's environment and profile options.</summary>
internal static class PlanFile
{
    public static PlanLoadResult Load(string file, RunSettings settings, IConsoleHost host) =>
        Load(settings, host, options => YamlPlanLoader.Load(file, options));

    /// <summary>Plan text from elsewhere (a coordinator): <paramref name="file"/> names it in errors, data files are read from <paramref name="baseDirectory"/>.</summary>
    public static PlanLoadResult LoadText(string text, string file, string baseDirectory, RunSettings settings, IConsoleHost host) =>
        Load(settings, host, options => YamlPlanLoader.LoadText(text, file, baseDirectory, options));

    private static PlanLoadResult Load(RunSettings settings, IConsoleHost host, Func<PlanLoadOptions, PlanLoadResult> load)
    {
        TimeSpan? duration = null;
        var errors = new List<PlanError>();
        if (settings.Duration is { } text)
        {
            if (Duration.TryParse(text, out var parsed, out var error))
            {
                duration = parsed;
            }
            else
            {
                errors.Add(new PlanError("--duration", error!));
            }
        }

        if (errors.Count > 0)
        {
            return new PlanLoadResult { Errors = errors };
        }

        return load(new PlanLoadOptions
        {
            Env = HostEnvironment.From(host, settings.Env),
            Profile = settings.Profile,
            ProfileParameters = new ProfileParameters { Vus = settings.Vus, Rate = settings.Rate, Duration = duration },
            Time = host.Time,
            Log = (level, message) => host.Error.WriteLine($"{level.ToUpperInvariant()}[log] {message}"),
        });
    }

    /// <summary>A run of a profile plan takes --vus/--rate/--duration as the profile's scale, not as k6's executor shortcuts.</summary>
    public static RunSettings ForProfile(RunSettings settings, PlanLoadResult load) =>
        load.Profile is null || settings.Stages.Count > 0 || settings.Iterations is not null || settings.SpawnRate is not null
            ? settings with { Profile = null }
            : settings with { Vus = null, Rate = null, Duration = null, Profile = null };
}

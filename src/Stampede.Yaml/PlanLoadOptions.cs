using Stampede.Plans.Profiles;

namespace Stampede.Yaml;

/// <summary>How a YAML plan is loaded: the environment <c>${VAR}</c> reads, and command-line overrides of its load profile.</summary>
public sealed record PlanLoadOptions
{
    /// <summary>Variables for <c>${VAR}</c> and <c>{{ env.VAR }}</c>: the process environment overlaid with <c>-e KEY=VALUE</c>. Default: none.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Replaces the plan's <c>profile:</c> (and applies to scenarios without an executor). Default: the plan's.</summary>
    public string? Profile { get; init; }

    /// <summary>Scales the profile (<c>--vus</c>, <c>--rate</c>, <c>--duration</c>); set values win over the plan's. Default: none.</summary>
    public ProfileParameters ProfileParameters { get; init; } = new();

    /// <summary>
    /// The run's log, where <c>log:</c> steps write: the level (<c>info</c>, <c>warn</c>, <c>error</c>) and the line.
    /// Default: nowhere. The CLI writes it to standard error.
    /// </summary>
    public Action<string, string> Log { get; init; } = (_, _) => { };

    /// <summary>The clock templates such as <c>{{ now.unixMs }}</c> read. Default: the system clock.</summary>
#pragma warning disable RS0030 // a composition root of the public API: a caller that gives no clock gets the system's
    public TimeProvider Time { get; init; } = TimeProvider.System;
#pragma warning restore RS0030
}

namespace Stampede.Plans.Profiles;

/// <summary>Every built-in load profile, by name: the one place they are registered.</summary>
public static class LoadProfiles
{
    /// <summary>The profiles in the order the docs present them.</summary>
    public static IReadOnlyList<LoadProfile> All { get; } =
    [
        new SmokeProfile(),
        new AverageLoadProfile(),
        new RampUpProfile(),
        new SustainedProfile(),
        new StressProfile(),
        new SpikeProfile(),
        new SoakProfile(),
        new BreakpointProfile(),
    ];

    /// <summary>The profiles' names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The profile called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static LoadProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

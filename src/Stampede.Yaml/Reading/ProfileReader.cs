using Stampede.Plans;
using Stampede.Plans.Profiles;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads <c>profile:</c>, a name or <c>{ name, vus, rate, duration }</c>; the command line's profile and parameters win over the plan's.</summary>
internal sealed class ProfileReader(PlanReader reader, PlanLoadOptions options)
{
    public LoadProfile? Read(YamlNode? node, out ProfileParameters parameters)
    {
        parameters = options.ProfileParameters;
        string? name = options.Profile;
        YamlNode at = node ?? new YamlScalarNode();
        if (node is YamlMappingNode)
        {
            var get = reader.Mapping(node, "profile", PlanKeys.Profile, "a profile { name, vus, rate, duration }").ToDictionary(e => e.Key, e => e.Value);
            if (get.TryGetValue("name", out var n))
            {
                name ??= reader.Text(n, "profile.name");
                at = n;
            }
            else
            {
                reader.Error("profile", "missing name: (smoke, load, …)", node);
            }

            parameters = new ProfileParameters
            {
                Vus = parameters.Vus ?? (get.TryGetValue("vus", out var vus) ? reader.Int(vus, "profile.vus", 1, 1_000_000) : null),
                Rate = parameters.Rate ?? (get.TryGetValue("rate", out var rate) ? reader.Number(rate, "profile.rate", 0.001, 10_000_000) : null),
                Duration = parameters.Duration ?? (get.TryGetValue("duration", out var duration) ? reader.Duration(duration, "profile.duration", allowZero: false) : null),
            };
        }
        else if (node is not null)
        {
            name ??= reader.Text(node, "profile", "a profile name");
        }

        if (name is null)
        {
            return null;
        }

        var profile = LoadProfiles.Find(name);
        if (profile is null)
        {
            var suggestion = NameSuggestion.Closest(name, LoadProfiles.Names);
            var message = $"unknown profile '{name}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" (profiles: {string.Join(", ", LoadProfiles.Names)})";
            if (node is null)
            {
                reader.Errors.Add(new PlanError("--profile", message));
            }
            else
            {
                reader.Error("profile", message, at);
            }
        }

        return profile;
    }
}

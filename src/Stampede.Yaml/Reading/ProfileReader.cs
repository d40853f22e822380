using Stampede.Plans;
using Stampede.Plans.Profiles;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Reads <c>profile:</c>, a name or <c>{ name, vus, rate, duration }</c>, or Locust's <c>{ users, spawnRate, duration }</c>
/// (a <see cref="SpawnRateProfile"/>); the command line's profile and parameters win over the plan's.
/// </summary>
internal sealed class ProfileReader(PlanReader reader, PlanLoadOptions options)
{
    public LoadProfile? Read(YamlNode? node, out ProfileParameters parameters)
    {
        parameters = options.ProfileParameters;
        string? name = options.Profile;
        YamlNode at = node ?? new YamlScalarNode();
        if (node is YamlMappingNode)
        {
            var get = reader.Mapping(node, "profile", PlanKeys.Profile, "a profile { name, vus, rate, duration } or { users, spawnRate, duration }").ToDictionary(e => e.Key, e => e.Value);
            if (get.TryGetValue("users", out var u) && get.ContainsKey("vus"))
            {
                reader.Error("profile.users", "users is Locust's word for vus: give one of them", u);
            }

            var vusNode = get.GetValueOrDefault("vus") ?? get.GetValueOrDefault("users");
            var vusPath = get.ContainsKey("vus") ? "profile.vus" : "profile.users";
            if (get.TryGetValue("spawnRate", out var sr))
            {
                // Locust's vocabulary: users started at spawnRate a second, then held. The ramp is the profile.
                var spawnRate = reader.Number(sr, "profile.spawnRate", 0.001, 1_000_000);
                if (get.TryGetValue("name", out var named))
                {
                    reader.Error("profile.name", "spawnRate is a ramp of its own: leave out name (or spawnRate, to use a named profile)", named);
                }

                if (vusNode is null)
                {
                    reader.Error("profile", "spawnRate needs users: how many users to start, e.g. { users: 50, spawnRate: 5 }", node);
                }

                parameters = new ProfileParameters
                {
                    Vus = parameters.Vus ?? (vusNode is null ? null : reader.Int(vusNode, vusPath, 1, 1_000_000)),
                    Duration = parameters.Duration ?? (get.TryGetValue("duration", out var d) ? reader.Duration(d, "profile.duration", allowZero: false) : null),
                };
                if (get.TryGetValue("rate", out var ignored))
                {
                    reader.Error("profile.rate", "a spawnRate ramp is a closed model of users; rate belongs to the named profiles", ignored);
                }

                if (options.Profile is null)
                {
                    return spawnRate is { } r ? new SpawnRateProfile(r) : null;
                }
            }
            else
            {
                if (get.TryGetValue("name", out var n))
                {
                    name ??= reader.Text(n, "profile.name");
                    at = n;
                }
                else
                {
                    reader.Error("profile", "missing name: (smoke, load, …), or users: and spawnRate: for a Locust ramp", node);
                }

                parameters = new ProfileParameters
                {
                    Vus = parameters.Vus ?? (vusNode is not null ? reader.Int(vusNode, vusPath, 1, 1_000_000) : null),
                    Rate = parameters.Rate ?? (get.TryGetValue("rate", out var rate) ? reader.Number(rate, "profile.rate", 0.001, 10_000_000) : null),
                    Duration = parameters.Duration ?? (get.TryGetValue("duration", out var duration) ? reader.Duration(duration, "profile.duration", allowZero: false) : null),
                };
            }
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

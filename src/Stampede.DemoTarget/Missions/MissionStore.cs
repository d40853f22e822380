using System.Collections.Concurrent;

namespace Stampede.DemoTarget.Missions;

/// <summary>Missions in memory; ids are sequential so a seeded run repeats.</summary>
internal sealed class MissionStore(TimeProvider time)
{
    public static readonly string[] Statuses = ["planned", "active", "done", "aborted"];

    private readonly ConcurrentDictionary<long, Mission> _missions = new();
    private long _next;

    public int Count => _missions.Count;

    /// <summary>Every problem with the input, keyed by field; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(MissionInput? input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input is null)
        {
            errors["body"] = ["A JSON body is required."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }

        if (input.Status is not null && Array.IndexOf(Statuses, input.Status) < 0)
        {
            errors["status"] = [$"status must be one of {string.Join(", ", Statuses)}."];
        }

        if (input.Priority is < 1 or > 5)
        {
            errors["priority"] = ["priority must be between 1 and 5."];
        }

        return errors;
    }

    public Mission Create(MissionInput input)
    {
        var now = time.GetUtcNow();
        var mission = new Mission(Interlocked.Increment(ref _next), input.Name!, input.Status ?? "planned", input.Priority ?? 3, input.Description, now, now);
        _missions[mission.Id] = mission;
        return mission;
    }

    public Mission? Get(long id) => _missions.GetValueOrDefault(id);

    /// <summary>The newest missions first, at most <paramref name="limit"/>.</summary>
    public Mission[] List(int limit) => _missions.Values.OrderByDescending(m => m.Id).Take(limit).ToArray();

    public Mission? Replace(long id, MissionInput input)
    {
        while (_missions.TryGetValue(id, out var current))
        {
            var updated = current with
            {
                Name = input.Name!,
                Status = input.Status ?? current.Status,
                Priority = input.Priority ?? current.Priority,
                Description = input.Description,
                UpdatedAt = time.GetUtcNow(),
            };
            if (_missions.TryUpdate(id, updated, current))
            {
                return updated;
            }
        }

        return null;
    }

    public bool Delete(long id) => _missions.TryRemove(id, out _);
}

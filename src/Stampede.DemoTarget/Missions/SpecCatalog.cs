using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Missions;

/// <summary>The read-mostly catalogue behind <c>/api/specs</c>, generated once from the seed.</summary>
internal sealed class SpecCatalog
{
    private static readonly string[] Subjects = ["engine", "rocket", "habitat", "rover", "antenna", "solar array", "lander", "probe", "satellite", "telescope"];
    private static readonly string[] Aspects = ["thermal", "power", "navigation", "telemetry", "structural", "propulsion", "safety", "software"];
    private static readonly string[] Filler = ["shall", "withstand", "nominal", "loads", "during", "ascent", "and", "report", "status", "every", "second", "with", "margin"];

    private readonly Dictionary<string, Spec> _byId;
    private readonly Spec[] _all;

    public SpecCatalog(DemoTargetOptions options)
    {
        var random = new SeededRandom(SeededRandom.Mix((ulong)(uint)options.Seed, 0x5BEC));
        _all = new Spec[options.SpecCount];
        for (var i = 0; i < _all.Length; i++)
        {
            var subject = Subjects[random.Next(Subjects.Length)];
            var aspect = Aspects[random.Next(Aspects.Length)];
            _all[i] = new Spec($"spec-{i + 1}", $"{Capitalise(aspect)} requirements of the {subject} #{i + 1}", [aspect, subject.Replace(' ', '-')], Body(random, options.SpecPayloadBytes));
        }

        _byId = _all.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public int Count => _all.Length;

    public Spec? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Specs whose title or tags contain <paramref name="query"/> (any case), in catalogue order.</summary>
    public Spec[] Search(string? query, int limit)
    {
        var q = query?.Trim() ?? string.Empty;
        return _all
            .Where(s => q.Length == 0
                || s.Title.Contains(q, StringComparison.OrdinalIgnoreCase)
                || Array.Exists(s.Tags, t => t.Contains(q, StringComparison.OrdinalIgnoreCase)))
            .Take(limit)
            .ToArray();
    }

    private static string Body(SeededRandom random, int bytes)
    {
        var text = new System.Text.StringBuilder(bytes + 16);
        while (text.Length < bytes)
        {
            text.Append(Filler[random.Next(Filler.Length)]).Append(' ');
        }

        return text.ToString(0, bytes);
    }

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}

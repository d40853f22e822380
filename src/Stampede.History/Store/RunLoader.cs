using Stampede.Metrics;

namespace Stampede.History.Store;

/// <summary>
/// Finds a run by what a user types: a run id (<c>12</c> or <c>#12</c>), <c>last</c>, a JSON result file, and for
/// baselines also <c>last-passed</c> and <c>tag:KEY</c> / <c>tag:KEY=VALUE</c>. This is how commands that read a
/// result file (report, compare, drift) also accept a stored run.
/// </summary>
public static class RunLoader
{
    /// <summary>
    /// Loads <paramref name="reference"/>: an id, <c>last</c> (the newest run, of <paramref name="plan"/> when given)
    /// or a result file. Null when nothing matches; throws <see cref="FormatException"/> for a malformed file and
    /// <see cref="HistoryStoreException"/> when the store cannot be read.
    /// </summary>
    public static async Task<LoadedRun?> LoadAsync(string reference, IRunStore store, string? plan = null, CancellationToken cancellationToken = default)
    {
        if (TryParseId(reference) is { } id)
        {
            return await LoadByIdAsync(store, id, cancellationToken).ConfigureAwait(false);
        }

        if (reference == "last")
        {
            var newest = await store.ListAsync(new RunQuery { Plan = plan, Last = 1 }, cancellationToken).ConfigureAwait(false);
            return newest.Count == 0 ? null : await LoadByIdAsync(store, newest[0].Id, cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(reference))
        {
            var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(reference, cancellationToken).ConfigureAwait(false));
            return new LoadedRun(result, Path.GetFileName(reference), null);
        }

        return null;
    }

    /// <summary>Loads stored run <paramref name="id"/> as a <see cref="RunResult"/>, or null when there is none.</summary>
    public static async Task<RunResult?> LoadResultAsync(IRunStore store, long id, CancellationToken cancellationToken = default) =>
        (await store.GetAsync(id, cancellationToken).ConfigureAwait(false))?.Result;

    /// <summary>
    /// The baseline for <paramref name="current"/>: <c>last-passed</c> (newest earlier run of the same plan that
    /// passed), <c>last</c> (newest earlier run of the plan), <c>tag:KEY</c> or <c>tag:KEY=VALUE</c> (newest earlier
    /// run of the plan with that tag), an id or a result file. Null when nothing matches.
    /// </summary>
    public static async Task<LoadedRun?> LoadBaselineAsync(string spec, IRunStore store, RunResult current, long? currentId, CancellationToken cancellationToken = default)
    {
        RunQuery? query = spec switch
        {
            "last-passed" => new RunQuery { Plan = current.Meta.Plan, PassedOnly = true, BeforeId = currentId, Last = 1 },
            "last" => new RunQuery { Plan = current.Meta.Plan, BeforeId = currentId, Last = 1 },
            _ when spec.StartsWith("tag:", StringComparison.Ordinal) => TagQuery(spec[4..]) with { Plan = current.Meta.Plan, BeforeId = currentId, Last = 1 },
            _ => null,
        };
        if (query is null)
        {
            return await LoadAsync(spec, store, current.Meta.Plan, cancellationToken).ConfigureAwait(false);
        }

        // Without an id the current run came from a file; do not pick itself by start time either.
        var found = (await store.ListAsync(query with { Last = 2 }, cancellationToken).ConfigureAwait(false))
            .Where(r => currentId is not null || r.StartedAt != current.Meta.StartedAt)
            .FirstOrDefault();
        return found is null ? null : await LoadByIdAsync(store, found.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="spec"/> is a baseline this loader understands the shape of (files are checked when loaded).</summary>
    public static bool IsBaselineSpec(string spec) =>
        spec is "last-passed" or "last" || (spec.StartsWith("tag:", StringComparison.Ordinal) && spec.Length > 4) || TryParseId(spec) is not null || spec.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>How a stored run is named in output: <c>#12 showcase 2026-03-02 09:00 abc1234 release=1.4</c>.</summary>
    public static string Label(RunSummary run)
    {
        var parts = new List<string> { $"#{run.Id}", run.Plan, run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) };
        if (run.GitCommit is { Length: >= 7 } commit)
        {
            parts.Add(commit[..7]);
        }

        parts.AddRange(run.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        return string.Join(" ", parts);
    }

    internal static long? TryParseId(string text)
    {
        var digits = text.StartsWith('#') ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, out var id) ? id : null;
    }

    private static RunQuery TagQuery(string tag)
    {
        var equals = tag.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new RunQuery { TagKey = tag } : new RunQuery { TagKey = tag[..equals], TagValue = tag[(equals + 1)..] };
    }

    private static async Task<LoadedRun?> LoadByIdAsync(IRunStore store, long id, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : new LoadedRun(stored.Result, Label(stored.Summary), id) { Summary = stored.Summary };
    }
}

/// <summary>A run found by <see cref="RunLoader"/>: its result, how to name it, and its id when it is stored.</summary>
public sealed record LoadedRun(RunResult Result, string Label, long? Id)
{
    /// <summary>The stored summary, when the run came from the store.</summary>
    public RunSummary? Summary { get; init; }
}

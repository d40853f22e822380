using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli;

/// <summary>
/// Hands an output the final result with the command's notes in <c>meta.notes</c>; the notes depend on how the run
/// ended (e.g. when a breakpoint run broke), so they can only be worked out from the result itself.
/// </summary>
internal sealed class NotedOutput(IOutput inner, Func<RunResult, IReadOnlyDictionary<string, double>> notes) : IOutput
{
    public void Start(RunInfo run) => inner.Start(run);

    public void OnSecond(LiveSnapshot snapshot) => inner.OnSecond(snapshot);

    public Task EndAsync(RunResult result, CancellationToken cancellationToken) => inner.EndAsync(Annotate(result, notes), cancellationToken);

    /// <summary><paramref name="result"/> with <paramref name="notes"/> merged over any notes it already has.</summary>
    public static RunResult Annotate(RunResult result, Func<RunResult, IReadOnlyDictionary<string, double>> notes)
    {
        var merged = new Dictionary<string, double>(result.Meta.Notes ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        foreach (var (name, value) in notes(result))
        {
            merged[name] = value;
        }

        return result with { Meta = result.Meta with { Notes = merged } };
    }
}

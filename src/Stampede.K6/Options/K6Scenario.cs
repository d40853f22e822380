using Stampede.Plans.Executors;

namespace Stampede.K6.Options;

/// <summary>One scenario as k6's options describe it: its executor, the exported function it runs, its own tags and environment.</summary>
internal sealed record K6Scenario(string Name, ExecutorOptions Executor, string Exec)
{
    public TimeSpan StartTime { get; init; }

    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
}

using Stampede.Metrics;

namespace Stampede.Cli.Coordination;

/// <summary>One worker of a coordinated run as the coordinator knows it; guarded by <see cref="CoordinatedRun"/>'s lock.</summary>
internal sealed class CoordinatedWorker(string id, string name, string segment, int index)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string Segment { get; } = segment;

    /// <summary>Its segment's place in the sequence, from 0.</summary>
    public int Index { get; } = index;

    /// <summary>The last time anything came from it: the silence that makes it lost is counted from here.</summary>
    public DateTimeOffset LastContact { get; set; }

    public WorkerProgress Progress { get; set; } = new(0, 0, 0, 0);

    public RunResult? Result { get; set; }

    /// <summary>Why its share is missing, once it is.</summary>
    public string? Lost { get; set; }

    public bool Done => Result is not null || Lost is not null;

    public override string ToString() => $"{Name} ({Segment})";
}

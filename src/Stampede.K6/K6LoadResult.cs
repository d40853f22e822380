using Stampede.K6.Options;
using Stampede.K6.Runtime;
using Stampede.Plans;

namespace Stampede.K6;

/// <summary>A loaded k6 script: the plan to run, or every problem found before anything ran. Dispose it after the run.</summary>
public sealed class K6LoadResult : IDisposable
{
    /// <summary>The plan; null when <see cref="Errors"/> is not empty.</summary>
    public TestPlan? Plan { get; init; }

    /// <summary>Problems with the script, each located in its file.</summary>
    public IReadOnlyList<PlanError> Errors { get; init; } = [];

    /// <summary>True when the plan can run.</summary>
    public bool Succeeded => Plan is not null && Errors.Count == 0;

    internal K6Script? Script { get; init; }

    internal K6Options? Options { get; init; }

    /// <summary>The end of the test as the script has it (<c>handleSummary</c> or k6's text summary); null without a plan.</summary>
    internal Summary.ScriptSummary? Summary { get; init; }

    /// <summary>True when the script exports <c>handleSummary</c> (it then decides what the end of the test prints and writes).</summary>
    public bool HasHandleSummary { get; init; }

    /// <inheritdoc />
    public void Dispose() => Script?.Dispose();
}

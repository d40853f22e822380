using Stampede.K6.Modules;
using Stampede.Metrics;

namespace Stampede.K6;

/// <summary>What a k6 script's run leaves besides Stampede's own outputs: k6's summary export.</summary>
public static class K6Summaries
{
    /// <summary>The stop reason of a run a script ended with <c>test.abort()</c>.</summary>
    public const string AbortReason = ExecutionModule.AbortReason;

    /// <summary>k6's <c>--summary-export</c> JSON for <paramref name="result"/>.</summary>
    public static string Export(K6LoadResult load, RunResult result) =>
        throw new NotSupportedException("the summary export lands with the k6 summary work");
}

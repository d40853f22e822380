namespace Stampede.K6;

/// <summary>What the CLI needs to know of a k6 script's run.</summary>
public static class K6Summaries
{
    /// <summary>The stop reason of a run a script ended with <c>test.abort()</c>.</summary>
    public const string AbortReason = Modules.ExecutionModule.AbortReason;
}

using Stampede.Metrics;

namespace Stampede;

/// <summary>How a run ended for its caller: the result (null when nothing ran) and the process exit code.</summary>
public sealed record RunOutcome(RunResult? Result, int ExitCode)
{
    /// <summary>True when the run completed and every threshold passed.</summary>
    public bool Passed => ExitCode == Cli.ExitCodes.Ok;
}

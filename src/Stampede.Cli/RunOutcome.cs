using Stampede.Metrics;

// In the library's root namespace on purpose: a C# plan that says `using Stampede;` finds plan.RunAsync(args) there.
#pragma warning disable IDE0130
namespace Stampede;
#pragma warning restore IDE0130

/// <summary>How a run ended for its caller: the result (null when nothing ran) and the process exit code.</summary>
public sealed record RunOutcome(RunResult? Result, int ExitCode)
{
    /// <summary>True when the run completed and every threshold passed.</summary>
    public bool Passed => ExitCode == Cli.ExitCodes.Ok;
}

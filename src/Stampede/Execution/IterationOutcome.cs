namespace Stampede.Execution;

/// <summary>How an iteration ended.</summary>
internal enum IterationOutcome
{
    Completed,
    Failed,
    Interrupted,
}

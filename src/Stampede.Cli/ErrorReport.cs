using Stampede.Plans;

namespace Stampede.Cli;

/// <summary>Prints user errors (and warnings) the same way everywhere: one line each, with location, errors with a count.</summary>
internal static class ErrorReport
{
    public static void Write(TextWriter error, IReadOnlyList<PlanError> errors)
    {
        foreach (var problem in errors)
        {
            error.WriteLine($"error: {problem}");
        }

        error.WriteLine(errors.Count == 1 ? "1 problem; nothing was run." : $"{errors.Count} problems; nothing was run.");
    }

    /// <summary>Warnings go to the error stream too, so a run's output stays clean, but they do not fail anything.</summary>
    public static void WriteWarnings(TextWriter error, IReadOnlyList<PlanError> warnings)
    {
        foreach (var warning in warnings)
        {
            error.WriteLine($"warning: {warning}");
        }
    }
}

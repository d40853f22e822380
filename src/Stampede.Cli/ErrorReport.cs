using Stampede.Plans;

namespace Stampede.Cli;

/// <summary>Prints user errors the same way everywhere: one line each, with location, and a count.</summary>
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
}

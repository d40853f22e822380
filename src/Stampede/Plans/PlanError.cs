namespace Stampede.Plans;

/// <summary>Where in a plan's source a problem is: a file and a 1-based line and column, when known.</summary>
public sealed record SourceLocation(string? File, int Line = 0, int Column = 0)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line > 0 ? $"{File ?? "<plan>"}:{Line}:{Column}" : File ?? "<plan>";
}

/// <summary>
/// A problem a user caused in a plan or on the command line: a value with a location and a message,
/// turned into exit code 2 at the CLI edge. <paramref name="Path"/> names the setting, e.g. <c>scenarios.health.vus</c>.
/// </summary>
public sealed record PlanError(string Path, string Message, SourceLocation? Location = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Location is null ? "" : Location + ": ";
        var what = string.IsNullOrEmpty(Path) ? "" : Path + ": ";
        return where + what + Message;
    }
}

/// <summary>Thrown at the edge when a plan cannot run; carries every problem found.</summary>
public sealed class PlanException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    public PlanException(IReadOnlyList<PlanError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<PlanError> Errors { get; }
}

namespace Stampede.Execution;

/// <summary>Ends the current iteration early (a check with abort-on-fail, or <see cref="VuContext.AbortIteration"/>); not an error of the run.</summary>
public sealed class IterationAbortedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IterationAbortedException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception.</summary>
    public IterationAbortedException()
        : base("iteration aborted")
    {
    }

    /// <summary>Creates the exception.</summary>
    public IterationAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

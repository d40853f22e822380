namespace Stampede.Cli;

/// <summary>Every exit code Stampede uses, in one place (docs/exit-codes.md explains them).</summary>
public static class ExitCodes
{
    /// <summary>The run completed and every threshold passed (or there were none).</summary>
    public const int Ok = 0;

    /// <summary>Something else went wrong: the run was interrupted, a target could not start, an unexpected error.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: a malformed plan, option or file. Nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>The run (or <c>stampede compare</c>) found a performance regression against its baseline, beyond tolerance and noise.</summary>
    public const int RegressionFound = 98;

    /// <summary>A k6 script threw outside an iteration (its init context, setup or teardown): k6's code.</summary>
    public const int ScriptException = 107;

    /// <summary>A k6 script called <c>test.abort()</c>: k6's code.</summary>
    public const int ScriptAborted = 108;

    /// <summary>At least one threshold failed (k6's code, so CI scripts carry over).</summary>
    public const int ThresholdsFailed = 99;
}

namespace Stampede.Plans.Monitoring;

/// <summary>
/// The system under test as a local process (the plan's <c>target:</c>): either one Stampede starts before setup
/// and stops at the end (<see cref="Command"/>), or one already running (<see cref="Pid"/>). Either way its CPU,
/// memory, threads and open files are sampled each second (Linux).
/// </summary>
public sealed record TargetPlan
{
    /// <summary>A shell command that runs the target (<c>/bin/sh -c</c>; <c>cmd /c</c> on Windows). Default null.</summary>
    public string? Command { get; init; }

    /// <summary>The process id of a target that is already running. Default null.</summary>
    public int? Pid { get; init; }

    /// <summary>Directory the command runs in. Default null: Stampede's own.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>A URL that answers 200 once the started target is ready; the run waits for it. Default null: no wait.</summary>
    public Uri? Ready { get; init; }

    /// <summary>Longest wait for <see cref="Ready"/> before the run stops with an error. Default 30s.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the target may take to exit after SIGTERM before it is killed. Default 5s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Sample the process's resources each second. Default true.</summary>
    public bool SampleResources { get; init; } = true;
}

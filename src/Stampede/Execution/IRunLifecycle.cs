namespace Stampede.Execution;

/// <summary>
/// Where a run's setup and teardown happen when one run is split across machines: once, on one of them, with setup's
/// data handed to the others. Without one, a run does both itself.
/// </summary>
internal interface IRunLifecycle
{
    /// <summary>
    /// Setup's data for this machine: <paramref name="runSetup"/>'s (the machine that sets up for all, which hands
    /// the data on) or the data another machine's setup returned. Scenarios start once it returns.
    /// </summary>
    Task<object?> SetupAsync(Plans.TestPlan plan, Func<Task<object?>> runSetup, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="runTeardown"/> when this machine tears down for all (once the others are done), or nothing.</summary>
    Task TeardownAsync(Func<Task> runTeardown, CancellationToken cancellationToken);
}

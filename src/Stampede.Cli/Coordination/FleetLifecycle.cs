using Stampede.Execution;
using Stampede.Plans;

namespace Stampede.Cli.Coordination;

/// <summary>
/// A coordinated worker's side of setup and teardown once for the fleet. The worker that sets up for all runs setup
/// as soon as the coordinator says every worker has joined, hands its data to the coordinator, and starts its
/// scenarios at the start the coordinator then sets, with the others; the others start at that moment with the data
/// it handed on. Only that worker tears down, once the coordinator says every other one is done.
/// </summary>
/// <param name="forAll">True on the worker that sets up and tears down for every worker.</param>
/// <param name="setupData">The data another worker's setup returned, as the plan's front end wrote it (not for <paramref name="forAll"/>).</param>
/// <param name="exchange">How this worker talks to the coordinator about it.</param>
/// <param name="time">The clock the start is awaited on.</param>
internal sealed class FleetLifecycle(bool forAll, string? setupData, FleetLifecycle.IExchange exchange, TimeProvider time) : IRunLifecycle
{
    private bool _setupFailed;

    /// <summary>What the lifecycle asks of the coordinator; the worker command retries within its coordinator timeout.</summary>
    internal interface IExchange
    {
        /// <summary>Hands setup's outcome in; false when the coordinator did not take it.</summary>
        Task<bool> ReportSetupAsync(SetupOutcome outcome, CancellationToken cancellationToken);

        /// <summary>The start every worker shares, once the coordinator set it; null when the run cannot start.</summary>
        Task<DateTimeOffset?> StartAsync(CancellationToken cancellationToken);

        /// <summary>Waits until every other worker is done; false when the coordinator stopped answering.</summary>
        Task<bool> OthersDoneAsync(CancellationToken cancellationToken);
    }

    public async Task<object?> SetupAsync(TestPlan plan, Func<Task<object?>> runSetup, CancellationToken cancellationToken)
    {
        if (plan.ReadSetupData is not { } read || plan.WriteSetupData is not { } write)
        {
            // The coordinator hands setup to one worker only when the front end can write its data down.
            return await runSetup().ConfigureAwait(false);
        }

        if (!forAll)
        {
            return read(setupData);
        }

        string? written;
        try
        {
            written = write(await runSetup().ConfigureAwait(false));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The others wait for the data: tell the coordinator, which ends the run before any of them starts.
            _setupFailed = true;
            await exchange.ReportSetupAsync(new SetupOutcome(null, exception.Message), cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (!await exchange.ReportSetupAsync(new SetupOutcome(written, null), cancellationToken).ConfigureAwait(false))
        {
            _setupFailed = true;
            throw new SetupHandOffException("the coordinator did not take setup's data, so no other worker can start");
        }

        if (await exchange.StartAsync(cancellationToken).ConfigureAwait(false) is not { } startAt)
        {
            _setupFailed = true;
            throw new SetupHandOffException("the coordinator did not set the start after setup");
        }

        var wait = startAt - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        // Read back as every other worker reads it, so all VUs of the fleet see the same values.
        return read(written);
    }

    public async Task TeardownAsync(Func<Task> runTeardown, CancellationToken cancellationToken)
    {
        if (!forAll)
        {
            return;
        }

        // When setup failed no other worker started, so there is nobody to wait for. When the coordinator is gone,
        // teardown still runs: what setup created must not outlive the run.
        if (!_setupFailed)
        {
            await exchange.OthersDoneAsync(cancellationToken).ConfigureAwait(false);
        }

        await runTeardown().ConfigureAwait(false);
    }

    /// <summary>Setup ran, but its data could not be handed to the other workers.</summary>
    private sealed class SetupHandOffException(string message) : Exception(message);
}

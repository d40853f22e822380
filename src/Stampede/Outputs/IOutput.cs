using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// Receives a run's progress and its result. <see cref="OnSecond"/> runs on the one-second tick, off the VUs'
/// path, so an output may take some milliseconds but must not block for long.
/// </summary>
public interface IOutput
{
    /// <summary>The run is about to start.</summary>
    void Start(RunInfo run);

    /// <summary>Another second has been collected.</summary>
    void OnSecond(LiveSnapshot snapshot);

    /// <summary>The run has ended (or was interrupted); write what the output writes.</summary>
    Task EndAsync(RunResult result, CancellationToken cancellationToken);
}

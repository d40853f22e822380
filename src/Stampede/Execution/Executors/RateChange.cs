namespace Stampede.Execution.Executors;

/// <summary>A live change of the arrival rate (<see cref="RunControl.SetRate"/>), in iterations per second.</summary>
/// <param name="PerSecond">Arrivals per second from the change on; 0 starts none.</param>
/// <param name="Sequence">Tells one change from the next, so the scheduler notices each once.</param>
internal sealed record RateChange(double PerSecond, long Sequence);

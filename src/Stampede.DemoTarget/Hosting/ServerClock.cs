using Stampede.DemoTarget.Faults;

namespace Stampede.DemoTarget.Hosting;

/// <summary>The server's time: its <see cref="TimeProvider"/> and when it started, which stall periods count from.</summary>
internal sealed class ServerClock(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public TimeProvider Time => time;

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public TimeSpan StallRemaining(FaultSettings faults) =>
        faults.HasStalls ? StallSchedule.RemainingStall(Elapsed, faults.StallFor, faults.StallEvery) : TimeSpan.Zero;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
}

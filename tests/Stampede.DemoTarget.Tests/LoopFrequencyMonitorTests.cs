using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace Stampede.DemoTarget.Tests;

public class LoopFrequencyMonitorTests
{
    [Fact]
    public async Task RunAsync_TicksOnTime_ReportsTargetFrequency()
    {
        var time = new FakeTimeProvider();
        var monitor = new LoopFrequencyMonitor(time, 100);
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => monitor.RunAsync(stop.Token));

        for (var i = 1; i <= 150; i++)
        {
            await AdvanceUntilTicked(time, monitor, TimeSpan.FromMilliseconds(10), i);
        }

        monitor.Hz.ShouldBe(100, 1.0);
        await stop.CancelAsync();
        time.Advance(TimeSpan.FromMilliseconds(10));
        await loop;
    }

    [Fact]
    public async Task RunAsync_LateTicks_ReportsLowerFrequency()
    {
        var time = new FakeTimeProvider();
        var monitor = new LoopFrequencyMonitor(time, 100);
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => monitor.RunAsync(stop.Token));

        // Each wake-up comes 50 ms late, as on a starved thread pool: missed ticks are not caught up.
        for (var i = 1; i <= 40; i++)
        {
            await AdvanceUntilTicked(time, monitor, TimeSpan.FromMilliseconds(50), i);
        }

        monitor.Hz.ShouldBe(20, 1.0);
        await stop.CancelAsync();
        time.Advance(TimeSpan.FromMilliseconds(50));
        await loop;
    }

    private static async Task AdvanceUntilTicked(FakeTimeProvider time, LoopFrequencyMonitor monitor, TimeSpan step, long expectedTicks)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (monitor.TotalTicks < expectedTicks)
        {
            time.Advance(step);
            if (monitor.TotalTicks >= expectedTicks)
            {
                break;
            }

            // The loop may not have armed its timer yet; give it a moment and try again without advancing twice.
            var wait = DateTime.UtcNow.AddMilliseconds(200);
            while (monitor.TotalTicks < expectedTicks && DateTime.UtcNow < wait)
            {
                await Task.Yield();
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline);
        }
    }
}

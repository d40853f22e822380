using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Stampede.DemoTarget.Observability;

namespace Stampede.DemoTarget.Tests.Observability;

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

        // A few ticks can still be late when the test's own threads are slow to run (each costs a fake millisecond),
        // which a busy machine showed as 99 Hz; late wake-ups proper read far lower (the next test: 20 Hz).
        monitor.Hz.ShouldBe(100, 5.0);
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

    /// <summary>
    /// Moves fake time by <paramref name="step"/>, the last millisecond at a time, until the loop has ticked. The loop arms
    /// its next timer on another thread, so advancing a whole step at once could jump past a timer not yet armed.
    /// </summary>
    private static async Task AdvanceUntilTicked(FakeTimeProvider time, LoopFrequencyMonitor monitor, TimeSpan step, long expectedTicks)
    {
        var oneMs = TimeSpan.FromMilliseconds(1);
        time.Advance(step - oneMs);
        var overall = Stopwatch.StartNew();
        while (monitor.TotalTicks < expectedTicks)
        {
            time.Advance(oneMs);
            var wait = Stopwatch.StartNew();
            // Generous: each extra millisecond advanced while the loop is merely slow to run makes its tick late and
            // the measured frequency low, so only move on when the loop is really waiting for a later time.
            while (monitor.TotalTicks < expectedTicks && wait.ElapsedMilliseconds < 250)
            {
                await Task.Delay(1);
            }

            overall.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        }
    }
}

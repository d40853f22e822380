using Shouldly;
using Stampede.DemoTarget.Faults;

namespace Stampede.DemoTarget.Tests.Faults;

public class ConcurrencyGateTests
{
    [Fact]
    public async Task EnterAsync_UnderCapacity_EntersAtOnce()
    {
        using var gate = new ConcurrencyGate(2, 0, TimeSpan.FromSeconds(1));

        (await gate.EnterAsync(CancellationToken.None)).ShouldBeTrue();
        (await gate.EnterAsync(CancellationToken.None)).ShouldBeTrue();

        gate.InFlight.ShouldBe(2);
    }

    [Fact]
    public async Task EnterAsync_FullWithoutQueue_RefusesAndCounts()
    {
        using var gate = new ConcurrencyGate(1, 0, TimeSpan.FromSeconds(1));
        await gate.EnterAsync(CancellationToken.None);

        (await gate.EnterAsync(CancellationToken.None)).ShouldBeFalse();

        gate.Rejected.ShouldBe(1);
    }

    [Fact]
    public async Task EnterAsync_FullWithQueue_WaitsUntilReleased()
    {
        using var gate = new ConcurrencyGate(1, 1, TimeSpan.FromSeconds(10));
        await gate.EnterAsync(CancellationToken.None);

        var waiting = gate.EnterAsync(CancellationToken.None).AsTask();
        gate.Queued.ShouldBe(1);
        waiting.IsCompleted.ShouldBeFalse();
        gate.Release();

        (await waiting).ShouldBeTrue();
        gate.Queued.ShouldBe(0);
    }

    [Fact]
    public async Task EnterAsync_QueueFull_RefusesAtOnce()
    {
        using var gate = new ConcurrencyGate(1, 1, TimeSpan.FromSeconds(10));
        await gate.EnterAsync(CancellationToken.None);
        var waiting = gate.EnterAsync(CancellationToken.None).AsTask();

        (await gate.EnterAsync(CancellationToken.None)).ShouldBeFalse();

        gate.Release();
        (await waiting).ShouldBeTrue();
    }

    [Fact]
    public async Task EnterAsync_WaitLongerThanTimeout_Refuses()
    {
        using var gate = new ConcurrencyGate(1, 4, TimeSpan.FromMilliseconds(50));
        await gate.EnterAsync(CancellationToken.None);

        (await gate.EnterAsync(CancellationToken.None)).ShouldBeFalse();

        gate.Rejected.ShouldBe(1);
        gate.Queued.ShouldBe(0);
    }
}

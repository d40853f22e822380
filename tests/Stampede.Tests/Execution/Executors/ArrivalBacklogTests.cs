using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Stampede.Execution.Executors;
using Stampede.Metrics;
using Stampede.Tests.Protocols.Sse;
using Xunit;

namespace Stampede.Tests.Execution.Executors;

public sealed class ArrivalBacklogTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly MetricRegistry _registry = new();

    private ArrivalBacklog Backlog(int capacity, TimeSpan maxWait) =>
        new(capacity, maxWait, _time, _registry.Counter(BuiltinMetrics.DroppedIterations, TagSet.Empty), _registry.Counter(BuiltinMetrics.QueuedIterations, TagSet.Empty));

    private long Ms(double ms) => (long)(ms / 1000 * _time.TimestampFrequency);

    [Fact]
    public void TryTake_SeveralQueued_ReturnsThemOldestFirst()
    {
        var backlog = Backlog(10, TimeSpan.FromSeconds(30));
        var now = _time.GetTimestamp();
        backlog.TryAdd(now).ShouldBeTrue();
        backlog.TryAdd(now + 1).ShouldBeTrue();
        backlog.TryAdd(now + 2).ShouldBeTrue();

        var taken = new List<long>();
        while (backlog.TryTake(out var due, () => { }))
        {
            taken.Add(due);
        }

        taken.ShouldBe([now, now + 1, now + 2]);
        backlog.Count.ShouldBe(0);
        _registry.Total("queued_iterations").ShouldBe(3);
    }

    [Fact]
    public void TryAdd_Full_RefusesWithoutQueueing()
    {
        var backlog = Backlog(2, TimeSpan.FromSeconds(30));

        backlog.TryAdd(1).ShouldBeTrue();
        backlog.TryAdd(2).ShouldBeTrue();
        backlog.TryAdd(3).ShouldBeFalse();

        backlog.Count.ShouldBe(2);
        _registry.Total("queued_iterations").ShouldBe(2);
    }

    [Fact]
    public void TryTake_ArrivalsOlderThanMaxWait_DropsThemAndReturnsTheFirstFreshOne()
    {
        var backlog = Backlog(10, TimeSpan.FromMilliseconds(500));
        var start = _time.GetTimestamp();
        backlog.TryAdd(start);
        backlog.TryAdd(start + Ms(100));
        backlog.TryAdd(start + Ms(400));
        _time.Advance(TimeSpan.FromMilliseconds(700));
        var dropped = 0;

        backlog.TryTake(out var due, () => dropped++).ShouldBeTrue();

        due.ShouldBe(start + Ms(400));
        dropped.ShouldBe(2);
        _registry.Total("dropped_iterations").ShouldBe(2);
    }

    [Fact]
    public void TryTake_ArrivalWaitedExactlyMaxWait_StillStarts()
    {
        var backlog = Backlog(10, TimeSpan.FromMilliseconds(500));
        backlog.TryAdd(_time.GetTimestamp());
        _time.Advance(TimeSpan.FromMilliseconds(500));

        backlog.TryTake(out _, () => { }).ShouldBeTrue();
    }

    [Fact]
    public void DropAll_CountsEveryWaitingArrivalAsDropped()
    {
        var backlog = Backlog(10, TimeSpan.FromSeconds(30));
        backlog.TryAdd(1);
        backlog.TryAdd(2);

        backlog.DropAll().ShouldBe(2);

        backlog.Count.ShouldBe(0);
        backlog.TryTake(out _, () => { }).ShouldBeFalse();
        _registry.Total("dropped_iterations").ShouldBe(2);
    }
}

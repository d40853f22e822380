using System.Diagnostics;
using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

/// <summary>Timers on the socket loop: when they run, on which thread, and that a wake reaches a sleeping one.</summary>
public sealed class EpollLoopTimerTests : IDisposable
{
    private readonly EpollLoop _loop = EpollLoop.TryCreate() ?? throw new InvalidOperationException("this test needs Linux's epoll");

    public void Dispose() => _loop.Dispose();

    [Fact]
    public async Task Schedule_TimerAskingForLaterTimes_RunsOnTheLoopThreadNeverBeforeItsTime()
    {
        var step = Stopwatch.Frequency / 500; // 2 ms
        var timer = new RecordingTimer(fires: 5, next: now => now + step);

        _loop.Schedule(timer);
        await timer.Finished.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        timer.Fires.Count.ShouldBe(5);
        timer.Fires.ShouldAllBe(f => f.Thread == "Stampede sockets");
        timer.Fires.ShouldAllBe(f => f.Now >= f.AskedFor);
    }

    [Fact]
    public async Task WakeTimers_RunsATimerLongBeforeItsTime()
    {
        var timer = new RecordingTimer(fires: 2, next: now => now + (Stopwatch.Frequency * 60));
        _loop.Schedule(timer);
        await timer.FirstFire.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        _loop.WakeTimers();
        await timer.Finished.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        timer.Fires.Count.ShouldBe(2);
        timer.Fires[1].Now.ShouldBeLessThan(timer.Fires[1].AskedFor);
    }

    private sealed class RecordingTimer(int fires, Func<long, long> next) : ILoopTimer
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _askedFor;

        public List<(long Now, long AskedFor, string? Thread)> Fires { get; } = [];

        public Task FirstFire => _first.Task;

        public Task Finished => _finished.Task;

        public long? Fire(long now)
        {
            Fires.Add((now, _askedFor, Thread.CurrentThread.Name));
            _first.TrySetResult();
            if (Fires.Count == fires)
            {
                _finished.TrySetResult();
                return null;
            }

            _askedFor = next(now);
            return _askedFor;
        }
    }
}

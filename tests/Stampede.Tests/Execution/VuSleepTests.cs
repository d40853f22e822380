using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Stampede.Execution;
using Xunit;

namespace Stampede.Tests.Execution;

public sealed class VuSleepTests
{
    [Fact]
    public async Task WaitAsync_EndsWhenTheDurationHasPassed_AndNotBefore()
    {
        var time = new FakeTimeProvider();
        using var sleep = new VuSleep(time);

        var pause = sleep.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        pause.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));

        await pause;
        pause.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task WaitAsync_Reused_EachPauseWaitsItsOwnDuration()
    {
        var time = new FakeTimeProvider();
        using var sleep = new VuSleep(time);

        for (var i = 0; i < 3; i++)
        {
            var pause = sleep.WaitAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(499));
            pause.IsCompleted.ShouldBeFalse($"pause {i}");
            time.Advance(TimeSpan.FromMilliseconds(1));
            await pause;
        }
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsOperationCanceled_AndTheNextPauseStillWorks()
    {
        var time = new FakeTimeProvider();
        using var sleep = new VuSleep(time);
        using var stop = new CancellationTokenSource();

        var pause = sleep.WaitAsync(TimeSpan.FromSeconds(10), stop.Token);
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await pause);
        var next = sleep.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await next;
    }

    [Fact]
    public async Task WaitAsync_WhileAnotherPauseIsPending_BothEndOnTime()
    {
        var time = new FakeTimeProvider();
        using var sleep = new VuSleep(time);

        var first = sleep.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None).AsTask();
        var second = sleep.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        await first;
        second.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        await second;
    }

    [Fact]
    public async Task WaitAsync_ZeroOrNegative_CompletesAtOnce()
    {
        using var sleep = new VuSleep(new FakeTimeProvider());

        var zero = sleep.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        zero.IsCompletedSuccessfully.ShouldBeTrue();
        await zero;
        var negative = sleep.WaitAsync(TimeSpan.FromSeconds(-1), CancellationToken.None);
        negative.IsCompletedSuccessfully.ShouldBeTrue();
        await negative;
    }
}

using Microsoft.Extensions.Time.Testing;
using Stampede.Cli.Coordination;

namespace Stampede.Cli.Tests.Coordination;

/// <summary>The coordinator's bookkeeping on a fake clock: who gets which segment, when the run starts, who is lost.</summary>
public sealed class CoordinatedRunTests
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private CoordinatedRun Run(int workers) => new("plan.yaml", "name: p", ["A=1"], workers, _time, JoinTimeout, LostAfter, StartDelay);

    [Fact]
    public void Join_ThreeWorkers_EachGetsTheNextThirdAndTheStartIsSetAfterTheLast()
    {
        var run = Run(3);

        var first = run.Join("a", out _)!;
        run.StartAt.ShouldBeNull();
        var second = run.Join("a", out _)!;
        _time.Advance(TimeSpan.FromSeconds(5));
        var third = run.Join("c", out _)!;

        new[] { first.Segment, second.Segment, third.Segment }.ShouldBe(["0:1/3", "1/3:2/3", "2/3:1"]);
        first.SegmentSequence.ShouldBe("0,1/3,2/3,1");
        second.Name.ShouldBe("a#2");
        first.Env.ShouldBe(["A=1"]);
        run.StartAt.ShouldBe(_time.GetUtcNow() + StartDelay);
        run.Start(first.Worker)!.StartAt.ShouldBe(run.StartAt);
    }

    [Fact]
    public void Join_WithAnIndex_GetsThatSegmentWhateverTheOrderOfJoining()
    {
        var run = Run(3);

        var last = run.Join("w2", out _, index: 2)!;
        var next = run.Join("any", out _)!;
        var first = run.Join("w1", out _, index: 1)!;

        last.Segment.ShouldBe("2/3:1");
        next.Segment.ShouldBe("0:1/3");
        first.Segment.ShouldBe("1/3:2/3");
        run.StartAt.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(1, "segment index 1 (1/3:2/3) is taken by worker a")]
    [InlineData(3, "segment index 3 is not one of this run's 0 to 2")]
    public void Join_WithAnIndexTakenOrOutsideTheSplit_IsRefused(int index, string reason)
    {
        var run = Run(3);
        run.Join("a", out _, index: 1).ShouldNotBeNull();

        run.Join("b", out var refusal, index).ShouldBeNull();

        refusal.ShouldBe(reason);
        run.StartAt.ShouldBeNull();
    }

    [Fact]
    public void Join_AfterEveryWorkerJoined_IsRefused()
    {
        var run = Run(1);
        run.Join("a", out _).ShouldNotBeNull();

        run.Join("b", out var refusal).ShouldBeNull();

        refusal.ShouldBe("all 1 workers have joined this run");
    }

    [Fact]
    public void Check_NotEveryWorkerJoinedInTime_EndsTheWaitWithAnErrorTheWorkersAreTold()
    {
        var run = Run(2);
        var joined = run.Join("a", out _)!;

        _time.Advance(JoinTimeout + TimeSpan.FromSeconds(1));
        var events = run.Check();

        events.ShouldBe(["only 1 of 2 workers joined within 1m"]);
        run.Start(joined.Worker)!.Error.ShouldBe("only 1 of 2 workers joined within 1m");
        run.Join("late", out _).ShouldBeNull();
    }

    [Fact]
    public void Check_SilentWorker_IsLostOnlyOnceSilentLongerThanAllowedAfterTheStart()
    {
        var run = Run(2);
        var talking = run.Join("talking", out _)!;
        run.Join("silent", out _);

        // The wait before the start is not silence.
        _time.Advance(StartDelay + LostAfter - TimeSpan.FromSeconds(1));
        run.Progress(talking.Worker, new WorkerProgress(1, 0, 1, 1)).ShouldBeTrue();
        run.Check().ShouldBeEmpty();
        _time.Advance(TimeSpan.FromSeconds(2));
        var events = run.Check();

        events.ShouldBe(["worker silent (1/2:1) lost: no word from it for 30s; its share is missing from the result"]);
        run.Outcomes().Select(o => (o.Name, o.Lost)).ShouldBe([("talking", (string?)null), ("silent", "no word from it for 30s")]);
        run.Finished.ShouldBeFalse();
    }

    [Fact]
    public void Check_WorkerTalkingPastTheLatestItsShareCouldEnd_IsLost()
    {
        var run = Run(1);
        var worker = run.Join("hung", out _)!;
        _time.Advance(StartDelay);

        for (var second = 0; second < 10 + 30 + 1; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            run.Progress(worker.Worker, new WorkerProgress(1, 0, 1, 1, LatestEnd: 10));
            if (second < 40)
            {
                run.Check().ShouldBeEmpty();
            }
        }

        run.Check().ShouldBe(["worker hung (0:1) lost: no result 30s after the latest its share could end; its share is missing from the result"]);
        run.Finished.ShouldBeTrue();
    }

    [Fact]
    public void Result_FromEveryWorker_FinishesTheRun()
    {
        var run = Run(2);
        var a = run.Join("a", out _)!;
        var b = run.Join("b", out _)!;

        run.Result(a.Worker, SyntheticRuns.Run(1)).ShouldBeTrue();
        run.Finished.ShouldBeFalse();
        run.Failed(b.Worker, "plan did not load").ShouldBeTrue();

        run.Finished.ShouldBeTrue();
        run.Outcomes().Select(o => o.Lost).ShouldBe([null, "failed: plan did not load"]);
        run.Result("nobody", SyntheticRuns.Run(1)).ShouldBeFalse();
    }
}

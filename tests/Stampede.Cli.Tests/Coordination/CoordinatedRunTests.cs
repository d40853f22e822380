using Microsoft.Extensions.Time.Testing;
using HdrHistogram;
using Stampede.Cli.Coordination;
using Stampede.Metrics;
using Stampede.Plans;

namespace Stampede.Cli.Tests.Coordination;

/// <summary>The coordinator's bookkeeping on a fake clock: who gets which segment, when the run starts, who is lost.</summary>
public sealed class CoordinatedRunTests
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private CoordinatedRun Run(int workers, bool setup = false) => new(new("plan.yaml", "name: p", ["A=1"], [], [], setup, setup), workers, _time, JoinTimeout, LostAfter, StartDelay);

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
        run.Progress(talking.Worker, new WorkerProgress(1, 0, 1, 1)).ShouldNotBeNull();
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

    private CoordinatedRun AbortingRun(params ThresholdPlan[] thresholds) =>
        new(new("plan.yaml", "name: p", [], [], thresholds), 2, _time, JoinTimeout, LostAfter, StartDelay);

    private static WorkerProgress Requests(long count) =>
        new(count, 0, 1, count, Totals: [new SelectorTotals("http_reqs", MetricKind.Counter, MetricUnit.None, count, 0, null, null, null, 0, null)]);

    [Fact]
    public void Check_CountThatEachShareKeepsButTheWholeBreaks_StopsEveryWorker()
    {
        var run = AbortingRun(new ThresholdPlan("http_reqs", "count<100", AbortOnFail: true), new ThresholdPlan("http_req_failed", "rate<0.1"));
        var a = run.Join("a", out _)!;
        var b = run.Join("b", out _)!;
        _time.Advance(StartDelay + TimeSpan.FromSeconds(1));

        // Only abortOnFail thresholds are the coordinator's to judge, so only theirs are asked for.
        a.AbortSelectors.ShouldBe(["http_reqs"]);
        run.Progress(a.Worker, Requests(60))!.Stop.ShouldBeNull();
        run.Progress(b.Worker, Requests(30));
        run.Check().ShouldBeEmpty();
        run.Progress(b.Worker, Requests(60));
        _time.Advance(TimeSpan.FromSeconds(1));
        var events = run.Check();

        events.ShouldBe(["stopping every worker: threshold http_reqs 'count<100' failed on every worker's results together and has abortOnFail"]);
        run.Progress(a.Worker, Requests(61))!.Stop.ShouldNotBeNull().ShouldContain("http_reqs 'count<100'");
        var judged = run.AbortJudgements().ShouldHaveSingleItem();
        judged.Aborted.ShouldBeTrue();
        judged.FirstFailedAt.ShouldBe(2);
    }

    [Fact]
    public void Check_FailureWithinDelayAbortEval_DoesNotStopTheRun()
    {
        var run = AbortingRun(new ThresholdPlan("http_reqs", "count<100", AbortOnFail: true, DelayAbortEval: TimeSpan.FromSeconds(10)));
        var a = run.Join("a", out _)!;
        run.Join("b", out _);
        _time.Advance(StartDelay + TimeSpan.FromSeconds(3));
        run.Progress(a.Worker, Requests(150));

        run.Check().ShouldBeEmpty();
        _time.Advance(TimeSpan.FromSeconds(8));
        run.Check().ShouldHaveSingleItem().ShouldStartWith("stopping every worker");
    }

    [Fact]
    public void Check_PercentileOfTheMergedHistograms_IsWhatIsJudged()
    {
        var run = AbortingRun(new ThresholdPlan("http_req_duration", "p(50)<100", AbortOnFail: true));
        var fast = run.Join("fast", out _)!;
        var slow = run.Join("slow", out _)!;
        _time.Advance(StartDelay + TimeSpan.FromSeconds(1));

        // 60 samples at 50 ms and 40 at 500 ms: the median of the whole is 50 ms, under 100; with 40 and 60 it is 500 ms.
        run.Progress(fast.Worker, Durations(60, 50));
        run.Progress(slow.Worker, Durations(40, 500));
        run.Check().ShouldBeEmpty();
        run.Progress(fast.Worker, Durations(40, 50));
        run.Progress(slow.Worker, Durations(60, 500));
        _time.Advance(TimeSpan.FromSeconds(1));

        run.Check().ShouldHaveSingleItem().ShouldContain("http_req_duration 'p(50)<100'");
    }

    private static WorkerProgress Durations(int count, double milliseconds)
    {
        var scale = TrendScale.For(MetricUnit.Time);
        var histogram = new LongHistogram(scale.HighestTrackable, TrendScale.SignificantDigits);
        histogram.RecordValueWithCount(scale.ToUnits(milliseconds), count);
        return new(count, 0, 1, count, Totals: [new SelectorTotals("http_req_duration", MetricKind.Trend, MetricUnit.Time, count, 0, null, milliseconds, milliseconds, count * milliseconds, HistogramCodec.Encode(histogram))]);
    }
}

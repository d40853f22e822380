using Shouldly;
using Stampede.DemoTarget.Observability;

namespace Stampede.DemoTarget.Tests.Observability;

public class RequestStatsTests
{
    [Fact]
    public void Record_Durations_LandInTheirBucketsAndStatuses()
    {
        var stats = new RequestStats();

        stats.Record(200, TimeSpan.FromMilliseconds(0.5));
        stats.Record(200, TimeSpan.FromMilliseconds(3));
        stats.Record(500, TimeSpan.FromSeconds(60));

        var buckets = stats.BucketCounts();
        buckets[0].ShouldBe(1);  // <= 1 ms
        buckets[2].ShouldBe(1);  // <= 5 ms
        buckets.Sum().ShouldBe(2); // 60 s is above every bound: only in the count
        stats.Count.ShouldBe(3);
        stats.SumSeconds.ShouldBe(60.0035, 1e-6);
        stats.StatusCounts().ShouldBe([(200, 2L), (500, 1L)]);
    }
}

using Shouldly;
using Stampede.Metrics;
using Xunit;

namespace Stampede.Tests.Metrics;

public sealed class MetricRegistryTests
{
    [Fact]
    public void Counter_TagsDifferingOnlyInASecret_ShareOneRedactedSeries()
    {
        var registry = new MetricRegistry(new UrlRedaction(["session"]));

        var first = registry.Counter(BuiltinMetrics.HttpReqs, TagSet.Of(("name", "/a?session=one"), ("method", "GET")));
        var second = registry.Counter(BuiltinMetrics.HttpReqs, TagSet.Of(("name", "/a?session=two"), ("method", "GET")));
        first.Add(1);
        second.Add(1);

        second.ShouldBeSameAs(first);
        var series = registry.SeriesOf("http_reqs").ShouldHaveSingleItem();
        series.Tags["name"].ShouldBe("/a?session=[REDACTED]");
        series.Tags["method"].ShouldBe("GET");
    }

    [Fact]
    public void Counter_CleanTags_KeepsTheCallersTagSet()
    {
        var registry = new MetricRegistry();
        var tags = TagSet.Of(("name", "/a?page=2"));

        var series = registry.Counter(BuiltinMetrics.HttpReqs, tags);

        series.Tags.ShouldBeSameAs(tags);
    }
}

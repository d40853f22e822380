using Shouldly;
using Stampede.Metrics;
using Xunit;

namespace Stampede.Tests.Metrics;

public sealed class TagSetTests
{
    [Fact]
    public void Equals_SameTagsInAnyOrder_AreEqualWithTheSameHash()
    {
        var a = TagSet.Of(("b", "2"), ("a", "1"));
        var b = TagSet.Empty.With("a", "1").With("b", "2");

        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ToString().ShouldBe("{a:1,b:2}");
    }

    [Fact]
    public void With_ExistingKey_ReplacesItsValue()
    {
        var tags = TagSet.Of(("status", "200")).With("status", "500");

        tags["status"].ShouldBe("500");
        tags.Count.ShouldBe(1);
    }

    [Fact]
    public void Contains_ChecksEveryFilterPair()
    {
        var tags = TagSet.Of(("scenario", "chat"), ("status", "200"));

        tags.Contains([new("scenario", "chat")]).ShouldBeTrue();
        tags.Contains([new("scenario", "chat"), new("status", "500")]).ShouldBeFalse();
        tags.Without("scenario")["scenario"].ShouldBeNull();
    }
}

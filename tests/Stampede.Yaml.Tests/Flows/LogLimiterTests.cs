using Microsoft.Extensions.Time.Testing;
using Stampede.Yaml.Flows;

namespace Stampede.Yaml.Tests.Flows;

public sealed class LogLimiterTests
{
    [Fact]
    public void Next_BeyondTheLinesOfASecond_HoldsThemBackAndCountsThemWithTheNextLineWritten()
    {
        var clock = new FakeTimeProvider();
        var limiter = new LogLimiter(clock, perSecond: 2);

        var first = Enumerable.Range(0, 5).Select(_ => limiter.Next()).ToList();
        clock.Advance(TimeSpan.FromSeconds(1));
        var next = limiter.Next();

        first.Select(r => r.Write).ShouldBe([true, true, false, false, false]);
        first.Sum(r => r.Suppressed).ShouldBe(0);
        next.ShouldBe((true, 3L));
        limiter.Next().ShouldBe((true, 0L));
    }

    [Fact]
    public void Next_WithinTheLimit_WritesEveryLine()
    {
        var clock = new FakeTimeProvider();
        var limiter = new LogLimiter(clock, perSecond: 1);

        for (var i = 0; i < 4; i++)
        {
            limiter.Next().ShouldBe((true, 0L));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }
}

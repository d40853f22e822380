using Shouldly;
using Stampede.Protocols.Llm;
using Xunit;

namespace Stampede.Tests.Protocols.Llm;

public sealed class LlmSloTests
{
    [Fact]
    public void Parse_ValidText_SetsEveryLimit()
    {
        var slo = LlmSlo.Parse("ttft<1s, tpot<50ms, e2e<2m");

        slo.Ttft.ShouldBe(TimeSpan.FromSeconds(1));
        slo.Tpot.ShouldBe(TimeSpan.FromMilliseconds(50));
        slo.E2e.ShouldBe(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Parse_BadParts_ListsThemAll()
    {
        var error = Should.Throw<FormatException>(() => LlmSlo.Parse("ttft<1x, itl<5ms"));

        error.Message.ShouldContain("ttft<1x");
        error.Message.ShouldContain("'itl'");
    }

    [Theory]
    [InlineData(999, 49, 5000, true)]
    [InlineData(1000, 49, 5000, false)]
    [InlineData(10, 50, 5000, false)]
    public void IsMetBy_Timings_ComparesEveryLimit(double ttft, double tpot, double e2e, bool met) =>
        LlmSlo.Parse("ttft<1s,tpot<50ms").IsMetBy(ttft, tpot, e2e).ShouldBe(met);
}

using Shouldly;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Tests.Outputs;

public sealed class OutputPathTests
{
    [Theory]
    [InlineData("results/{plan}_{time}.html", "checkout", "results/checkout_2025-03-04_05-06.html")]
    [InlineData("{plan}.json", "GET /api a b", "GET--api-a-b.json")]
    [InlineData("fixed.json", "anything", "fixed.json")]
    public void Resolve_Placeholders_FillsPlanAndMinute(string template, string plan, string expected)
    {
        OutputPath.Resolve(template, plan, new DateTimeOffset(2025, 3, 4, 5, 6, 59, TimeSpan.Zero)).ShouldBe(expected);
    }
}

using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class ExpectedStatusesTests
{
    [Theory]
    [InlineData(199, false)]
    [InlineData(200, true)]
    [InlineData(302, true)]
    [InlineData(399, true)]
    [InlineData(400, false)]
    public void Contains_Default_200To399(int status, bool expected)
    {
        ExpectedStatuses.Default.Contains(status).ShouldBe(expected);
    }

    [Fact]
    public void Contains_Combined_EitherMatches()
    {
        var statuses = ExpectedStatuses.Of(404).Or(ExpectedStatuses.Range(200, 204));

        statuses.Contains(404).ShouldBeTrue();
        statuses.Contains(201).ShouldBeTrue();
        statuses.Contains(205).ShouldBeFalse();
    }
}

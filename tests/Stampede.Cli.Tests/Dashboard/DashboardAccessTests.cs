using Stampede.Cli.Dashboard;

namespace Stampede.Cli.Tests.Dashboard;

public sealed class DashboardAccessTests
{
    private const string Token = "0123456789abcdef";

    [Theory]
    [InlineData("127.0.0.1:5665", null)]
    [InlineData("localhost:5665", null)]
    [InlineData("[::1]:5665", null)]
    [InlineData("evil.example:5665", 421)]
    [InlineData("127.0.0.1.nip.io:5665", 421)]
    public void CheckWatch_OnLoopback_NeedsNoTokenButALoopbackHost(string host, int? status)
    {
        var refused = new DashboardAccess(Token, loopback: true).CheckWatch(host, null, null);
        refused?.Status.ShouldBe(status!.Value);
        (refused is null).ShouldBe(status is null);
    }

    [Theory]
    [InlineData(null, null, 401)]
    [InlineData("wrong-token-here", null, 401)]
    [InlineData(Token, null, null)]
    [InlineData(null, "Bearer " + Token, null)]
    public void CheckWatch_BeyondLoopback_NeedsTheToken(string? query, string? authorization, int? status)
    {
        var refused = new DashboardAccess(Token, loopback: false).CheckWatch("10.0.0.5:5665", query, authorization);
        refused?.Status.ShouldBe(status!.Value);
        (refused is null).ShouldBe(status is null);
    }

    [Theory]
    [InlineData(null, null, null, 401)]
    [InlineData("Bearer nope-nope-nope", null, null, 401)]
    [InlineData("Bearer " + Token, null, null, null)]
    [InlineData("Bearer " + Token, "http://127.0.0.1:5665", "same-origin", null)]
    [InlineData("Bearer " + Token, "http://127.0.0.1:5666", null, 403)]
    [InlineData("Bearer " + Token, "http://evil.example", "cross-site", 403)]
    [InlineData("Bearer " + Token, "null", null, 403)]
    [InlineData("Bearer " + Token, null, "same-site", 403)]
    public void CheckControl_AlwaysNeedsTheTokenInAHeaderAndTheDashboardsOwnOrigin(string? authorization, string? origin, string? site, int? status)
    {
        var refused = new DashboardAccess(Token, loopback: true).CheckControl("127.0.0.1:5665", authorization, origin, site);
        refused?.Status.ShouldBe(status!.Value);
        (refused is null).ShouldBe(status is null);
    }

    [Fact]
    public void NewToken_IsLongAndDifferentEachTime()
    {
        var first = DashboardAccess.NewToken();
        first.Length.ShouldBe(32);
        DashboardAccess.NewToken().ShouldNotBe(first);
    }
}

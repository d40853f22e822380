using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class HttpRedirectTests
{
    private static readonly Uri Current = new("http://127.0.0.1:8080/a/b?q=1");
    private static readonly HttpBody Body = HttpBody.Raw("data", "text/plain");

    [Theory]
    [InlineData(300, false)]
    [InlineData(301, true)]
    [InlineData(302, true)]
    [InlineData(303, true)]
    [InlineData(304, false)]
    [InlineData(305, false)]
    [InlineData(306, false)]
    [InlineData(307, true)]
    [InlineData(308, true)]
    [InlineData(200, false)]
    public void IsRedirectStatus_Status_OnlyTheFiveThatCarryALocation(int status, bool expected)
    {
        HttpRedirect.IsRedirectStatus(status).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/c", "http://127.0.0.1:8080/c")]
    [InlineData("c", "http://127.0.0.1:8080/a/c")]
    [InlineData("../d", "http://127.0.0.1:8080/d")]
    [InlineData("?r=2", "http://127.0.0.1:8080/a/b?r=2")]
    [InlineData("//127.0.0.2/e", "http://127.0.0.2/e")]
    [InlineData("https://127.0.0.1:8443/f", "https://127.0.0.1:8443/f")]
    [InlineData("HTTP://127.0.0.1/g", "http://127.0.0.1/g")]
    public void TryFollow_HttpOrRelativeLocation_ResolvesAgainstCurrent(string location, string expected)
    {
        HttpRedirect.TryFollow(302, Current, location, 0, 10, HttpMethod.Get, null, out var next).ShouldBeTrue();

        next.Target.AbsoluteUri.ShouldBe(expected);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/pub/file.txt")]
    [InlineData("file:///etc/hostname")]
    [InlineData("mailto:someone@example.invalid")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ws://127.0.0.1/socket")]
    public void TryFollow_NonHttpScheme_Stops(string location)
    {
        HttpRedirect.TryFollow(302, Current, location, 0, 10, HttpMethod.Get, null, out var next).ShouldBeFalse();

        next.ShouldBe(default);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(304)]
    [InlineData(404)]
    public void TryFollow_NotARedirectStatus_Stops(int status)
    {
        HttpRedirect.TryFollow(status, Current, "/c", 0, 10, HttpMethod.Get, null, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryFollow_NoLocation_Stops()
    {
        HttpRedirect.TryFollow(302, Current, null, 0, 10, HttpMethod.Get, null, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)]
    [InlineData(1, 2, true)]
    [InlineData(2, 2, false)]
    [InlineData(3, 2, false)]
    public void TryFollow_RedirectsSoFar_FollowsOnlyBelowTheCap(int redirects, int maxRedirects, bool follows)
    {
        HttpRedirect.TryFollow(302, Current, "/c", redirects, maxRedirects, HttpMethod.Get, null, out _).ShouldBe(follows);
    }

    [Theory]
    [InlineData(301, "POST", "GET", false)]
    [InlineData(302, "POST", "GET", false)]
    [InlineData(303, "POST", "GET", false)]
    [InlineData(303, "PUT", "GET", false)]
    [InlineData(302, "DELETE", "GET", false)]
    [InlineData(303, "GET", "GET", true)]
    [InlineData(301, "HEAD", "HEAD", true)]
    [InlineData(303, "HEAD", "HEAD", true)]
    [InlineData(307, "POST", "POST", true)]
    [InlineData(308, "PUT", "PUT", true)]
    [InlineData(307, "PATCH", "PATCH", true)]
    [InlineData(308, "GET", "GET", true)]
    public void TryFollow_StatusAndMethod_MethodAndBodyOfNextHop(int status, string method, string nextMethod, bool keepsBody)
    {
        HttpRedirect.TryFollow(status, Current, "/c", 0, 10, new HttpMethod(method), Body, out var next).ShouldBeTrue();

        next.Method.Method.ShouldBe(nextMethod);
        next.Body.ShouldBe(keepsBody ? Body : null);
    }
}

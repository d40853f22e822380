using System.Net;
using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class HttpSessionOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        var options = new HttpSessionOptions();

        options.Validate().ShouldBeEmpty();
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(60));
        options.MaxRedirects.ShouldBe(10);
        options.Version.ShouldBe(HttpVersion.Version11);
        options.ResponseBody.ShouldBe(ResponseBodyMode.Keep);
        options.UserAgent.ShouldStartWith("stampede/");
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryProblem()
    {
        var options = new HttpSessionOptions
        {
            BaseAddress = new Uri("ftp://example.test/"),
            Version = HttpVersion.Version30,
            Timeout = TimeSpan.Zero,
            MaxRedirects = -1,
            ResponseBody = ResponseBodyMode.Stream,
            MaxConnectionsPerServer = 0,
            DefaultHeaders = [new("Bad Name", "x")],
        };

        options.Validate().Count.ShouldBe(7);
    }

    [Fact]
    public void Validate_Http2_Accepted()
    {
        new HttpSessionOptions { Version = HttpVersion.Version20 }.Validate().ShouldBeEmpty();
    }
}

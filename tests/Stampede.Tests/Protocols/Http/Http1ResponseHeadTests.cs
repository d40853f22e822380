using System.Text;
using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class Http1ResponseHeadTests
{
    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void TryParse_ContentLength_ReadsStatusLengthAndHeadSize()
    {
        var data = Bytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");

        Http1ResponseHead.TryParse(data, out var head).ShouldBeTrue();

        head.Status.ShouldBe(200);
        head.ContentLength.ShouldBe(2);
        head.Chunked.ShouldBeFalse();
        head.Close.ShouldBeFalse();
        head.Length.ShouldBe(data.Length - 2);
    }

    [Fact]
    public void TryParse_Incomplete_ReturnsFalse()
    {
        Http1ResponseHead.TryParse(Bytes("HTTP/1.1 200 OK\r\nContent-Len"), out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_ChunkedAndClose_Flagged()
    {
        var data = Bytes("HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\nConnection: keep-alive, Close\r\nSet-Cookie: a=1\r\n\r\n");

        Http1ResponseHead.TryParse(data, out var head).ShouldBeTrue();

        head.Status.ShouldBe(404);
        head.Chunked.ShouldBeTrue();
        head.ContentLength.ShouldBe(-1);
        head.Close.ShouldBeTrue();
        head.HasSetCookie.ShouldBeTrue();
    }

    [Theory]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.1 204\r\n\r\n", false)]
    public void TryParse_Http10_ClosesUnlessKeptAlive(string text, bool close)
    {
        Http1ResponseHead.TryParse(Bytes(text), out var head).ShouldBeTrue();

        head.Close.ShouldBe(close);
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n")]
    public void TryParse_Malformed_ThrowsInvalidResponse(string text)
    {
        var error = Should.Throw<HttpIOException>(() => Http1ResponseHead.TryParse(Bytes(text), out _));

        error.HttpRequestError.ShouldBe(HttpRequestError.InvalidResponse);
    }

    [Fact]
    public void ParseHeaders_RepeatedNames_JoinedCaseInsensitively()
    {
        var headers = Http1ResponseHead.ParseHeaders(Bytes("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nX-One:  1 \r\n\r\n"));

        headers["SET-COOKIE"].ShouldBe("a=1, b=2");
        headers["x-one"].ShouldBe("1");
        headers.Count.ShouldBe(2);
    }
}

using System.Net.Sockets;
using System.Security.Authentication;
using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class HttpErrorClassifierTests
{
    public static TheoryData<SocketError, HttpErrorKind, int> SocketErrors => new()
    {
        { SocketError.ConnectionRefused, HttpErrorKind.ConnectionRefused, 1212 },
        { SocketError.TimedOut, HttpErrorKind.ConnectTimeout, 1211 },
        { SocketError.ConnectionReset, HttpErrorKind.ConnectionReset, 1220 },
        { SocketError.Shutdown, HttpErrorKind.ConnectionReset, 1201 },
        { SocketError.HostNotFound, HttpErrorKind.Dns, 1101 },
        { SocketError.TryAgain, HttpErrorKind.Dns, 1100 },
    };

    [Theory]
    [MemberData(nameof(SocketErrors))]
    public void Classify_WrappedSocketError_K6Code(SocketError socketError, HttpErrorKind kind, int code)
    {
        var exception = new HttpRequestException(HttpRequestError.ConnectionError, "x", new SocketException((int)socketError));

        var error = HttpErrorClassifier.Classify(exception, callerCancelled: false, timedOut: false);

        error.Kind.ShouldBe(kind);
        error.Code.ShouldBe(code);
    }

    [Fact]
    public void Classify_TimedOut_RequestTimeoutWhateverWasThrown()
    {
        var error = HttpErrorClassifier.Classify(new TaskCanceledException(), callerCancelled: false, timedOut: true);

        error.ShouldBe(new HttpError(HttpErrorKind.RequestTimeout, 1050, "request timeout"));
    }

    [Fact]
    public void Classify_CallerCancelled_WinsOverTimeout()
    {
        HttpErrorClassifier.Classify(new TaskCanceledException(), callerCancelled: true, timedOut: true)
            .Kind.ShouldBe(HttpErrorKind.Cancelled);
    }

    [Fact]
    public void Classify_UntrustedRoot_UnknownAuthority()
    {
        var exception = new HttpRequestException(HttpRequestError.SecureConnectionError, "ssl",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));

        HttpErrorClassifier.Classify(exception, false, false).ShouldBe(
            new HttpError(HttpErrorKind.Tls, 1310, "x509: unknown authority"));
    }

    [Fact]
    public void Classify_Http2StreamReset_ProtocolWithK6StreamCode()
    {
        var exception = new HttpRequestException(HttpRequestError.HttpProtocolError, "x",
            new HttpProtocolException(2, "reset", null));

        var error = HttpErrorClassifier.Classify(exception, false, false);

        error.Kind.ShouldBe(HttpErrorKind.Protocol);
        error.Code.ShouldBe(1633);
    }

    [Fact]
    public void Classify_ResponseEnded_ConnectionResetGenericCode()
    {
        var error = HttpErrorClassifier.Classify(new HttpIOException(HttpRequestError.ResponseEnded), false, false);

        error.ShouldBe(new HttpError(HttpErrorKind.ConnectionReset, 1000, "unexpected EOF"));
    }

    [Fact]
    public void Classify_Unknown_Other()
    {
        HttpErrorClassifier.Classify(new InvalidDataException("odd"), false, false)
            .ShouldBe(new HttpError(HttpErrorKind.Other, 1000, "odd"));
    }
}

using System.Net.Sockets;
using System.Security.Authentication;

namespace Stampede.Protocols.Http;

/// <summary>Turns what the handler threw into an <see cref="HttpError"/> with k6's code and wording.</summary>
internal static class HttpErrorClassifier
{
    /// <param name="exception">What the handler or the body read threw.</param>
    /// <param name="callerCancelled">The caller's token fired (the run is stopping).</param>
    /// <param name="timedOut">The request's own timeout fired.</param>
    public static HttpError Classify(Exception exception, bool callerCancelled, bool timedOut)
    {
        if (callerCancelled)
        {
            return new(HttpErrorKind.Cancelled, HttpErrorCodes.Generic, "request cancelled");
        }

        if (timedOut)
        {
            return new(HttpErrorKind.RequestTimeout, HttpErrorCodes.RequestTimeout, "request timeout");
        }

        // The most specific cause is usually innermost (a SocketException under an HttpRequestException).
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException socket:
                    return FromSocket(socket);
                case AuthenticationException tls:
                    return FromTls(tls);
                case HttpProtocolException protocol:
                    return new(HttpErrorKind.Protocol, HttpErrorCodes.ForHttp2(protocol.ErrorCode),
                        $"http2: stream error with ErrCode {protocol.ErrorCode}");
                case TimeoutException:
                    // The handler's ConnectTimeout surfaces as a cancellation wrapping a TimeoutException.
                    return new(HttpErrorKind.ConnectTimeout, HttpErrorCodes.TcpDialTimeout, "dial: i/o timeout");
            }
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            var requestError = e switch
            {
                HttpRequestException request => request.HttpRequestError,
                HttpIOException io => io.HttpRequestError,
                _ => HttpRequestError.Unknown,
            };

            switch (requestError)
            {
                case HttpRequestError.NameResolutionError:
                    return new(HttpErrorKind.Dns, HttpErrorCodes.Dns, e.Message);
                case HttpRequestError.ConnectionError:
                    return new(HttpErrorKind.Other, HttpErrorCodes.TcpDial, e.Message);
                case HttpRequestError.SecureConnectionError:
                    return new(HttpErrorKind.Tls, HttpErrorCodes.Tls, e.Message);
                case HttpRequestError.ResponseEnded:
                    // The server closed the connection mid-response (HTTP/1.1 abort): k6 reports Go's "unexpected EOF" as 1000.
                    return new(HttpErrorKind.ConnectionReset, HttpErrorCodes.Generic, "unexpected EOF");
                case HttpRequestError.HttpProtocolError:
                case HttpRequestError.InvalidResponse:
                case HttpRequestError.VersionNegotiationError:
                case HttpRequestError.ConfigurationLimitExceeded:
                    return new(HttpErrorKind.Protocol, HttpErrorCodes.Generic, e.Message);
            }
        }

        return exception is OperationCanceledException
            ? new(HttpErrorKind.Cancelled, HttpErrorCodes.Generic, "request cancelled")
            : new(HttpErrorKind.Other, HttpErrorCodes.Generic, exception.Message);
    }

    private static HttpError FromSocket(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.HostNotFound => new(HttpErrorKind.Dns, HttpErrorCodes.DnsNoSuchHost, "lookup: no such host"),
        SocketError.NoData or SocketError.TryAgain or SocketError.NoRecovery => new(HttpErrorKind.Dns, HttpErrorCodes.Dns, socket.Message),
        SocketError.ConnectionRefused => new(HttpErrorKind.ConnectionRefused, HttpErrorCodes.TcpDialRefused, "dial: connection refused"),
        SocketError.TimedOut => new(HttpErrorKind.ConnectTimeout, HttpErrorCodes.TcpDialTimeout, "dial: i/o timeout"),
        SocketError.ConnectionReset => new(HttpErrorKind.ConnectionReset, HttpErrorCodes.TcpResetByPeer, "read: connection reset by peer"),
        SocketError.Shutdown => new(HttpErrorKind.ConnectionReset, HttpErrorCodes.TcpBrokenPipe, "write: broken pipe"),
        SocketError.ConnectionAborted => new(HttpErrorKind.ConnectionReset, HttpErrorCodes.Tcp, socket.Message),
        _ => new(HttpErrorKind.Other, HttpErrorCodes.Tcp, socket.Message),
    };

    private static HttpError FromTls(AuthenticationException tls)
    {
        // .NET names the failed policy only in the message; the kind is Tls either way, the code is a refinement.
        var message = tls.Message;
        if (message.Contains("RemoteCertificateNameMismatch", StringComparison.Ordinal))
        {
            return new(HttpErrorKind.Tls, HttpErrorCodes.TlsHostnameMismatch, "x509: certificate doesn't match hostname");
        }

        if (message.Contains("UntrustedRoot", StringComparison.Ordinal) || message.Contains("PartialChain", StringComparison.Ordinal))
        {
            return new(HttpErrorKind.Tls, HttpErrorCodes.TlsUnknownAuthority, "x509: unknown authority");
        }

        return new(HttpErrorKind.Tls, HttpErrorCodes.Tls, message);
    }
}

namespace Stampede.Protocols.Http;

/// <summary>
/// k6's numeric error codes (its <c>error_code</c> tag), so dashboards and thresholds written for k6 keep working.
/// Status errors use 1000 + status, as k6 does (404 → 1404).
/// </summary>
internal static class HttpErrorCodes
{
    public const int None = 0;
    public const int Generic = 1000;
    public const int RequestTimeout = 1050;
    public const int Dns = 1100;
    public const int DnsNoSuchHost = 1101;
    public const int Tcp = 1200;
    public const int TcpBrokenPipe = 1201;
    public const int TcpDial = 1210;
    public const int TcpDialTimeout = 1211;
    public const int TcpDialRefused = 1212;
    public const int TcpResetByPeer = 1220;
    public const int Tls = 1300;
    public const int TlsUnknownAuthority = 1310;
    public const int TlsHostnameMismatch = 1311;

    /// <summary>HTTP/2 stream errors: 1630 for an unknown code, 1631 + the HTTP/2 error code (0–13) otherwise.</summary>
    public const int Http2StreamUnknown = 1630;

    public static int ForStatus(int status) => status >= 400 ? 1000 + status : None;

    public static int ForHttp2(long http2ErrorCode) =>
        http2ErrorCode is >= 0 and <= 13 ? Http2StreamUnknown + 1 + (int)http2ErrorCode : Http2StreamUnknown;
}

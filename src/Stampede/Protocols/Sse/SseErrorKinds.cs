using Stampede.Protocols.Http;

namespace Stampede.Protocols.Sse;

/// <summary>Maps failures onto <see cref="SseErrorKind"/> and its tag values.</summary>
internal static class SseErrorKinds
{
    public static SseErrorKind FromHttp(HttpErrorKind kind) => kind switch
    {
        HttpErrorKind.None => SseErrorKind.None,
        HttpErrorKind.ConnectionRefused => SseErrorKind.Refused,
        HttpErrorKind.Dns => SseErrorKind.Dns,
        HttpErrorKind.ConnectTimeout or HttpErrorKind.RequestTimeout => SseErrorKind.Timeout,
        HttpErrorKind.ConnectionReset => SseErrorKind.Reset,
        HttpErrorKind.Tls => SseErrorKind.Tls,
        HttpErrorKind.Protocol => SseErrorKind.Protocol,
        HttpErrorKind.Status => SseErrorKind.Status,
        HttpErrorKind.Cancelled => SseErrorKind.Cancelled,
        _ => SseErrorKind.Other,
    };

    public static SseErrorKind FromOutcome(SseReadOutcome outcome) => outcome switch
    {
        SseReadOutcome.Reset => SseErrorKind.Reset,
        SseReadOutcome.FirstEventTimeout => SseErrorKind.FirstEventTimeout,
        SseReadOutcome.IdleTimeout => SseErrorKind.IdleTimeout,
        SseReadOutcome.Cancelled => SseErrorKind.Cancelled,
        _ => SseErrorKind.None,
    };

    public static string Tag(SseErrorKind kind) => kind switch
    {
        SseErrorKind.Refused => "refused",
        SseErrorKind.Dns => "dns",
        SseErrorKind.Timeout => "timeout",
        SseErrorKind.Status => "status",
        SseErrorKind.ContentType => "content_type",
        SseErrorKind.Reset => "reset",
        SseErrorKind.FirstEventTimeout => "first_event_timeout",
        SseErrorKind.IdleTimeout => "idle_timeout",
        SseErrorKind.Tls => "tls",
        SseErrorKind.Protocol => "protocol",
        SseErrorKind.Cancelled => "cancelled",
        SseErrorKind.None => "none",
        _ => "other",
    };
}

namespace Stampede.Protocols.Sse;

/// <summary>How reading an event stream ended.</summary>
internal enum SseReadOutcome
{
    /// <summary>The server closed the stream cleanly.</summary>
    Ended,

    /// <summary>The consumer had what it wanted and stopped reading.</summary>
    Stopped,

    /// <summary>The connection broke mid-stream.</summary>
    Reset,

    /// <summary>Nothing meaningful arrived within the first-event timeout.</summary>
    FirstEventTimeout,

    /// <summary>Nothing arrived within the idle timeout between events.</summary>
    IdleTimeout,

    /// <summary>The stream ran past its maximum duration.</summary>
    MaxDuration,

    /// <summary>The VU was stopped.</summary>
    Cancelled,
}

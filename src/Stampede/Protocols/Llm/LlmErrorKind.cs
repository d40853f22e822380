namespace Stampede.Protocols.Llm;

/// <summary>Why an LLM request failed; each value is an <c>error</c> tag on <c>llm_errors</c>. Failed requests stay out of the latency trends.</summary>
public enum LlmErrorKind
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A non-200 status before any stream (<c>status</c>), e.g. 401, 429 budget exceeded, 5xx.</summary>
    Status,

    /// <summary>The connection could not be made (<c>connect</c>): refused, DNS, TLS, header timeout.</summary>
    Connect,

    /// <summary>An error object inside the stream, e.g. <c>data: {"error": …}</c> (<c>stream_error</c>).</summary>
    StreamError,

    /// <summary>An <c>event: error</c> (<c>error_event</c>).</summary>
    ErrorEvent,

    /// <summary>The stream ended or broke before its end marker or usage (<c>cut</c>).</summary>
    Cut,

    /// <summary>No content token within the first-token timeout (<c>first_token_timeout</c>).</summary>
    FirstTokenTimeout,

    /// <summary>A silence longer than the idle timeout after the first token (<c>idle_timeout</c>).</summary>
    IdleTimeout,

    /// <summary><c>finish_reason: length</c>: the answer was cut at the token limit (<c>length</c>).</summary>
    Length,

    /// <summary><c>finish_reason: content_filter</c> (<c>content_filter</c>).</summary>
    ContentFilter,

    /// <summary>The run stopped the VU; not counted.</summary>
    Cancelled,
}

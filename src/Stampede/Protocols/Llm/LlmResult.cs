namespace Stampede.Protocols.Llm;

/// <summary>One chat request as measured. Failures are values here, never exceptions; times in ms.</summary>
public sealed class LlmResult
{
    /// <summary>The HTTP status (101 for a WebSocket session); 0 when none arrived.</summary>
    public int Status { get; internal set; }

    /// <summary>None, or why the request failed.</summary>
    public LlmErrorKind Error { get; internal set; }

    /// <summary>A short description of the failure (the server's message when it sent one); null when none.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>The answer's text (reasoning excluded).</summary>
    public string Text { get; internal set; } = "";

    /// <summary>The finish reason the stream reported, if any.</summary>
    public string? FinishReason { get; internal set; }

    /// <summary>Request start → response headers.</summary>
    public double TimeToHeadersMs { get; internal set; }

    /// <summary>Request start → first content chunk (reasoning counts; the role-only chunk and empty deltas do not unless asked).</summary>
    public double? TtftMs { get; internal set; }

    /// <summary>Request start → first answer (non-reasoning) chunk.</summary>
    public double? TimeToFirstAnswerTokenMs { get; internal set; }

    /// <summary>Request start → end of the stream.</summary>
    public double E2eMs { get; internal set; }

    /// <summary>(e2e − ttft) / (output tokens − 1); null with fewer than two tokens.</summary>
    public double? TpotMs { get; internal set; }

    /// <summary>Gaps between consecutive content chunks that arrived in different reads.</summary>
    public IReadOnlyList<double> ItlMs => ItlList;

    /// <summary>Content chunks received.</summary>
    public int Chunks { get; internal set; }

    /// <summary>Content chunks that arrived in the same read as the one before (no gap recorded for them).</summary>
    public int CoalescedChunks { get; internal set; }

    /// <summary>Output tokens, from <see cref="OutputTokenSource"/>.</summary>
    public long OutputTokens { get; internal set; }

    /// <summary>Input tokens, from <see cref="InputTokenSource"/>.</summary>
    public long InputTokens { get; internal set; }

    /// <summary>Where <see cref="OutputTokens"/> came from.</summary>
    public LlmTokenSource OutputTokenSource { get; internal set; }

    /// <summary>Where <see cref="InputTokens"/> came from.</summary>
    public LlmTokenSource InputTokenSource { get; internal set; }

    /// <summary>This request's cost in US dollars (0 when the model has no price).</summary>
    public decimal CostUsd { get; internal set; }

    /// <summary>The request succeeded and met every SLO.</summary>
    public bool Good { get; internal set; }

    /// <summary>True when the request succeeded.</summary>
    public bool Ok => Error == LlmErrorKind.None;

    internal List<double> ItlList { get; } = [];
}

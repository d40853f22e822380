namespace Stampede.Protocols.Llm;

/// <summary>Where a token count came from; the <c>token_source</c> tag says which (<c>usage</c>, <c>tokenizer</c>, <c>chunks</c>, <c>estimate</c>).</summary>
public enum LlmTokenSource
{
    /// <summary>The stream's own usage report (exact, as billed).</summary>
    Usage,

    /// <summary>One token per content chunk (output) — the right count only when the server sends one token a chunk.</summary>
    Chunks,

    /// <summary>About four characters a token (input, when no tokenizer is chosen and no usage came).</summary>
    Estimate,

    /// <summary>Counted offline with the plan's tokenizer (<see cref="LlmOptions.Tokenizer"/>).</summary>
    Tokenizer,
}

namespace Stampede.Protocols.Llm;

/// <summary>
/// Which offline tokenizer counts tokens when the stream reports no usage (and splits multi-token chunks for
/// <c>llm_itl</c>). The vocabularies ship inside the package: nothing is downloaded at run time.
/// </summary>
public enum LlmTokenizer
{
    /// <summary>Pick by model name: <c>gpt-4o</c>, <c>gpt-4.1</c>, <c>gpt-5</c>, <c>o1</c>, <c>o3</c>, <c>o4</c> → o200k; any other model → cl100k. The default.</summary>
    Auto,

    /// <summary>OpenAI's <c>cl100k_base</c> (GPT-4, GPT-3.5).</summary>
    Cl100k,

    /// <summary>OpenAI's <c>o200k_base</c> (GPT-4o and later).</summary>
    O200k,

    /// <summary>No tokenizer: output tokens fall back to the chunk count, input tokens to about four characters a token.</summary>
    None,
}

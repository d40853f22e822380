using Microsoft.ML.Tokenizers;

namespace Stampede.Protocols.Llm;

/// <summary>
/// Counts tokens offline with a tiktoken vocabulary (Microsoft.ML.Tokenizers; the vocabularies are embedded in
/// their NuGet packages). Used when a stream reports no usage, and to split multi-token chunks for <c>llm_itl</c>.
/// </summary>
internal sealed class LlmTokenCounter
{
    // Loading a vocabulary takes about 1 s (cl100k) to 2 s (o200k) and tens of MB, so each encoding is built once per
    // process, on first use, and shared by every VU. A built tokenizer is immutable and safe to call from any thread,
    // and Lazy<T> (ExecutionAndPublication) builds it exactly once even when VUs race for it: this is the only static
    // state, a cache that never changes once filled.
    private static readonly Lazy<LlmTokenCounter> Cl100kBase = new(() => new(TiktokenTokenizer.CreateForEncoding("cl100k_base"), LlmTokenizer.Cl100k));
    private static readonly Lazy<LlmTokenCounter> O200kBase = new(() => new(TiktokenTokenizer.CreateForEncoding("o200k_base"), LlmTokenizer.O200k));

    private readonly Tokenizer _tokenizer;

    private LlmTokenCounter(Tokenizer tokenizer, LlmTokenizer encoding)
    {
        _tokenizer = tokenizer;
        Encoding = encoding;
    }

    /// <summary><see cref="LlmTokenizer.Cl100k"/> or <see cref="LlmTokenizer.O200k"/>.</summary>
    public LlmTokenizer Encoding { get; }

    /// <summary>The shared counter for <paramref name="choice"/> (resolved by <paramref name="model"/> when Auto); null for None.</summary>
    public static LlmTokenCounter? For(LlmTokenizer choice, string model) => Resolve(choice, model) switch
    {
        LlmTokenizer.Cl100k => Cl100kBase.Value,
        LlmTokenizer.O200k => O200kBase.Value,
        _ => null,
    };

    /// <summary>The encoding <paramref name="choice"/> means for <paramref name="model"/>.</summary>
    public static LlmTokenizer Resolve(LlmTokenizer choice, string model)
    {
        if (choice != LlmTokenizer.Auto)
        {
            return choice;
        }

        // "openai/gpt-4o-mini" and "gpt-4o-mini" alike: only the last path segment names the model.
        var name = model.AsSpan(model.LastIndexOf('/') + 1);
        ReadOnlySpan<string> o200k = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4"];
        foreach (var prefix in o200k)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (name.Length == prefix.Length || name[prefix.Length] is '-' or '.' or ':' or '_'))
            {
                return LlmTokenizer.O200k;
            }
        }

        return LlmTokenizer.Cl100k;
    }

    /// <summary>Tokens in <paramref name="text"/>.</summary>
    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.CountTokens(text);

    /// <summary>
    /// Tokens of a chat prompt as OpenAI's cookbook counts them: each message's role and content plus 3 tokens of
    /// framing, plus 3 that prime the reply.
    /// </summary>
    public long CountPrompt(IReadOnlyList<LlmMessage> messages)
    {
        long tokens = 3;
        foreach (var message in messages)
        {
            tokens += 3 + Count(message.Role) + Count(message.Content);
        }

        return tokens;
    }
}

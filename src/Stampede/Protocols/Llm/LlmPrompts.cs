using System.Text;

namespace Stampede.Protocols.Llm;

/// <summary>Prompts for load: fixed, picked from a list, or synthetic with a target input length.</summary>
public static class LlmPrompts
{
    private static readonly string[] Words =
    [
        "load", "test", "latency", "token", "stream", "server", "request", "answer", "model", "cache", "queue", "budget",
        "network", "window", "context", "user", "metric", "error", "retry", "batch", "shard", "region", "replica", "trace",
    ];

    /// <summary>One of <paramref name="prompts"/>, chosen with <paramref name="random"/> (the VU's own source).</summary>
    public static string Pick(IReadOnlyList<string> prompts, Random random) => prompts[random.Next(prompts.Count)];

    /// <summary>
    /// A prompt of about <paramref name="inputTokens"/> tokens: common English words, each about one token in GPT-style
    /// vocabularies, with a question at the end. Different on every call, so server caches do not flatter the result.
    /// </summary>
    public static string Synthetic(int inputTokens, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputTokens, 1);
        var sb = new StringBuilder(inputTokens * 7);
        for (var i = 0; i < inputTokens - 1; i++)
        {
            sb.Append(Words[random.Next(Words.Length)]).Append(' ');
        }

        return sb.Append("why?").ToString();
    }
}

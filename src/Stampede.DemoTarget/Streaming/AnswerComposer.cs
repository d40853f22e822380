using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Streaming;

/// <summary>
/// Writes the assistant's answers as tokens (words with their leading space, as LLM tokenizers do).
/// The words depend only on the seed, the question and the previous question, so the same conversation
/// gets the same answer whatever else the server is doing; a follow-up quotes what was asked before.
/// </summary>
internal sealed class AnswerComposer(DemoTargetOptions options)
{
    private static readonly string[] Words =
    [
        " the", " load", " test", " shows", " that", " latency", " stays", " low", " until", " the", " queue",
        " fills", " and", " then", " requests", " wait", " for", " a", " free", " slot", " so", " throughput",
        " levels", " off", " while", " errors", " rise", " under", " stress", " each", " virtual", " user",
        " sends", " its", " next", " request", " after", " a", " short", " pause", " which", " keeps", " the",
        " arrival", " rate", " steady", " and", " the", " server", " answers", " in", " time", " most", " of",
        " it", " streams", " tokens", " one", " by", " one", " over", " server-sent", " events", " or", " sockets",
    ];

    private const int QuotedWords = 6;

    /// <summary>The answer's tokens, at most <paramref name="maxTokens"/> of them.</summary>
    public string[] Compose(string question, string? previousQuestion, int maxTokens = int.MaxValue)
    {
        var random = new SeededRandom(SeededRandom.Mix(
            SeededRandom.Hash(question, (ulong)(uint)options.Seed),
            previousQuestion is null ? 0 : SeededRandom.Hash(previousQuestion, 1)));
        var count = (int)Math.Round(random.NextGaussian(options.AnswerTokensMean, options.AnswerTokensStdDev));
        count = Math.Clamp(count, 1, Math.Max(1, maxTokens));
        var tokens = new List<string>(count);
        if (previousQuestion is not null)
        {
            tokens.Add("Earlier");
            tokens.Add(" you");
            tokens.Add(" asked");
            tokens.Add(" \"");
            var quoted = previousQuestion.Split(' ', QuotedWords + 1, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < Math.Min(QuotedWords, quoted.Length); i++)
            {
                tokens.Add(i == 0 ? quoted[i] : " " + quoted[i]);
            }

            tokens.Add("\".");
        }
        else
        {
            tokens.Add("Sure");
            tokens.Add(",");
        }

        while (tokens.Count < count - 1)
        {
            tokens.Add(Words[random.Next(Words.Length)]);
        }

        if (tokens.Count < count)
        {
            tokens.Add(".");
        }

        return tokens.Count > count ? tokens.GetRange(0, count).ToArray() : tokens.ToArray();
    }

    /// <summary>A rough token count, about four characters a token, as OpenAI's guidance says for English.</summary>
    public static int CountTokens(string text) => Math.Max(1, (text.Length + 3) / 4);
}

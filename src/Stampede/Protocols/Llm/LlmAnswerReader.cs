using System.Text;
using System.Text.Json;

namespace Stampede.Protocols.Llm;

/// <summary>
/// Follows one streamed answer event by event, whatever the transport: finds text, reasoning, usage, the end
/// marker and errors through the <see cref="LlmStreamFormat"/>, and keeps the timestamps TTFT and ITL come from.
/// Chunks whose first byte arrived in the same network read as the previous chunk are coalesced: counted, and
/// kept out of the ITL instead of being reported as zero gaps. Token counts and the ITL are settled once the stream
/// is over (<see cref="Settle"/>), so tokenizing never delays the reads that timestamp the chunks.
/// </summary>
internal sealed class LlmAnswerReader(LlmStreamFormat format, bool countEmpty, TimeProvider time, LlmResult result)
{
    private readonly StringBuilder _text = new();
    private readonly List<(long Timestamp, string Text, long? Usage)> _chunks = [];
    private long _lastChunk;

    public long FirstChunkTimestamp { get; private set; }

    public long FirstAnswerTimestamp { get; private set; }

    public bool SawReasoning { get; private set; }

    public bool Ended { get; private set; }

    public bool Failed { get; private set; }

    public long? InputTokens { get; private set; }

    public long? OutputTokens { get; private set; }

    public string Text => _text.ToString();

    /// <summary>Handles one event; returns false when the stream is over (end marker or error).</summary>
    public bool OnEvent(string? type, string data, long timestamp)
    {
        if (format.ErrorEventType is { } errorType && type == errorType)
        {
            return Fail(LlmErrorKind.ErrorEvent, data);
        }

        if (format.EndData is { } endData && data.AsSpan().Trim().SequenceEqual(endData))
        {
            Ended = true;
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            return !EndsBy(type);   // keep-alives and other non-JSON data carry no tokens
        }

        using (document)
        {
            var root = document.RootElement;
            if (format.TypePath?.GetString(root) is { } inner)
            {
                type = inner;
            }

            if (format.ErrorEventType is { } errorType2 && type == errorType2)
            {
                return Fail(LlmErrorKind.ErrorEvent, data);
            }

            if (format.ErrorPath is { } errorPath && errorPath.TryGet(root, out var error) && error.ValueKind != JsonValueKind.Null)
            {
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
                return Fail(LlmErrorKind.StreamError, message);
            }

            if (format.InputTokensPath?.GetInt64(root) is { } input)
            {
                InputTokens = input;
            }

            var eventOutput = format.OutputTokensPath?.GetInt64(root);
            if (eventOutput is { } output)
            {
                OutputTokens = output;
            }

            if (format.FinishReasonPath?.GetString(root) is { Length: > 0 } finish)
            {
                result.FinishReason = finish;
            }

            if (format.TextEventType is null || type == format.TextEventType)
            {
                var reasoning = format.ReasoningPath?.GetString(root);
                var hasText = format.TextPath.TryGet(root, out var textElement) && textElement.ValueKind == JsonValueKind.String;
                var text = hasText ? textElement.GetString() ?? "" : "";
                if (!string.IsNullOrEmpty(reasoning))
                {
                    SawReasoning = true;
                    Chunk(timestamp, reasoning, eventOutput);
                }
                else if (text.Length > 0 || (hasText && countEmpty))
                {
                    if (FirstAnswerTimestamp == 0)
                    {
                        FirstAnswerTimestamp = timestamp;
                    }

                    _text.Append(text);
                    Chunk(timestamp, text, eventOutput);
                }
            }
        }

        if (EndsBy(type))
        {
            Ended = true;
            return false;
        }

        return true;
    }

    private bool EndsBy(string? type) => format.EndEventType is { } end && type == end;

    private void Chunk(long timestamp, string text, long? usage)
    {
        result.Chunks++;
        if (FirstChunkTimestamp == 0)
        {
            FirstChunkTimestamp = timestamp;
        }
        else if (timestamp == _lastChunk)
        {
            result.CoalescedChunks++;
        }

        _lastChunk = timestamp;
        _chunks.Add((timestamp, text, usage));
    }

    /// <summary>
    /// Once the stream is over: the output token count and its source (usage, else the tokenizer, else one per
    /// chunk), and the ITL samples. A chunk that carries k tokens (usage reported on every chunk, or the tokenizer's
    /// count of its text) spreads the gap before it evenly: k samples of gap / k. The tokenizer is only asked for when
    /// usage is missing or does not match the chunk count, so <paramref name="counter"/> is called lazily.
    /// </summary>
    public (long Tokens, LlmTokenSource Source) Settle(Func<LlmTokenCounter?> counter)
    {
        var perChunk = TokensPerChunk(counter, out var counted);
        (long Tokens, LlmTokenSource Source) output = OutputTokens is { } usage ? (usage, LlmTokenSource.Usage)
            : counted is { } total ? (total, LlmTokenSource.Tokenizer)
            : (_chunks.Count, LlmTokenSource.Chunks);
        for (var i = 1; i < _chunks.Count; i++)
        {
            if (_chunks[i].Timestamp == _chunks[i - 1].Timestamp)
            {
                continue;   // coalesced: no gap of its own
            }

            var tokens = Math.Max(1, perChunk?[i] ?? 1);
            var gap = time.GetElapsedTime(_chunks[i - 1].Timestamp, _chunks[i].Timestamp).TotalMilliseconds / tokens;
            for (var t = 0; t < tokens; t++)
            {
                result.ItlList.Add(gap);
            }
        }

        return output;
    }

    // Tokens per chunk, or null for one each. countedTotal is the tokenizer's total when it was used.
    private int[]? TokensPerChunk(Func<LlmTokenCounter?> counter, out long? countedTotal)
    {
        countedTotal = null;
        if (_chunks.Count == 0)
        {
            return null;
        }

        if (_chunks.TrueForAll(c => c.Usage is not null))
        {
            // Continuous usage stats (vLLM's continuous_usage_stats, and the like): the growth is the chunk's tokens.
            var fromUsage = new int[_chunks.Count];
            long before = 0;
            for (var i = 0; i < _chunks.Count; i++)
            {
                fromUsage[i] = (int)Math.Clamp(_chunks[i].Usage!.Value - before, 0, int.MaxValue);
                before = Math.Max(before, _chunks[i].Usage!.Value);
            }

            return fromUsage;
        }

        if (OutputTokens == _chunks.Count || counter() is not { } tokenizer)
        {
            return null;   // one token a chunk, as the usage confirms, or nothing to count with
        }

        var counts = new int[_chunks.Count];
        long sum = 0;
        for (var i = 0; i < _chunks.Count; i++)
        {
            counts[i] = tokenizer.Count(_chunks[i].Text);
            sum += counts[i];
        }

        countedTotal = sum;
        return counts;
    }

    private bool Fail(LlmErrorKind kind, string message)
    {
        Failed = true;
        result.Error = kind;
        result.ErrorMessage = message.Length > 300 ? message[..300] : message;
        return false;
    }
}

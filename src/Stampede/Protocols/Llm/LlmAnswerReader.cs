using System.Text;
using System.Text.Json;

namespace Stampede.Protocols.Llm;

/// <summary>
/// Follows one streamed answer event by event, whatever the transport: finds text, reasoning, usage, the end
/// marker and errors through the <see cref="LlmStreamFormat"/>, and keeps the timestamps TTFT and ITL come from.
/// Chunks whose first byte arrived in the same network read as the previous chunk are coalesced: counted, and
/// kept out of the ITL instead of being reported as zero gaps.
/// </summary>
internal sealed class LlmAnswerReader(LlmStreamFormat format, bool countEmpty, TimeProvider time, LlmResult result)
{
    private readonly StringBuilder _text = new();
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

            if (format.ErrorPath is { } errorPath && errorPath.TryGet(root, out var error))
            {
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
                return Fail(LlmErrorKind.StreamError, message);
            }

            if (format.InputTokensPath?.GetInt64(root) is { } input)
            {
                InputTokens = input;
            }

            if (format.OutputTokensPath?.GetInt64(root) is { } output)
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
                    Chunk(timestamp);
                }
                else if (text.Length > 0 || (hasText && countEmpty))
                {
                    if (FirstAnswerTimestamp == 0)
                    {
                        FirstAnswerTimestamp = timestamp;
                    }

                    _text.Append(text);
                    Chunk(timestamp);
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

    private void Chunk(long timestamp)
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
        else
        {
            result.ItlList.Add(time.GetElapsedTime(_lastChunk, timestamp).TotalMilliseconds);
        }

        _lastChunk = timestamp;
    }

    private bool Fail(LlmErrorKind kind, string message)
    {
        Failed = true;
        result.Error = kind;
        result.ErrorMessage = message.Length > 300 ? message[..300] : message;
        return false;
    }
}

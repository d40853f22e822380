using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Stampede.DemoTarget.Tests.Support;

/// <summary>One Server-Sent Event as the test saw it, stamped when the read that delivered it returned.</summary>
public sealed record SseEvent(string? Event, string Data, long Timestamp);

/// <summary>A minimal SSE parser for tests: <c>event:</c> and <c>data:</c> lines, events ended by a blank line.</summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? eventName = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var now = Stopwatch.GetTimestamp();
            if (line.Length == 0)
            {
                if (data.Length > 0 || eventName is not null)
                {
                    yield return new SseEvent(eventName, data.ToString(), now);
                }

                eventName = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }

                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }
    }

    public static async Task<List<SseEvent>> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var events = new List<SseEvent>();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var e in ReadAsync(stream, cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }
}

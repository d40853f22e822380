using System.Collections.Concurrent;

namespace Stampede.Metrics;

/// <summary>
/// Exceptions thrown by user iterations, counted by (scenario, type, message) and kept to a bounded number of
/// distinct entries so a failing test cannot exhaust memory. Messages pass through the run's URL redaction first:
/// an exception that quotes a URL must not carry its api_key into the result.
/// </summary>
internal sealed class ErrorLog(UrlRedaction? redaction = null)
{
    private readonly UrlRedaction _redaction = redaction ?? UrlRedaction.Default;
    private const int MaxDistinct = 100;
    private readonly ConcurrentDictionary<(string Scenario, string Message), long[]> _counts = new();

    public void Record(string scenario, Exception exception)
    {
        var message = _redaction.Redact($"{exception.GetType().Name}: {exception.Message}");
        if (message.Length > 300)
        {
            message = message[..300] + "…";
        }

        if (!_counts.TryGetValue((scenario, message), out var counter))
        {
            counter = _counts.Count < MaxDistinct
                ? _counts.GetOrAdd((scenario, message), _ => new long[1])
                : _counts.GetOrAdd((scenario, "(further distinct errors not kept)"), _ => new long[1]);
        }

        Interlocked.Increment(ref counter[0]);
    }

    public IReadOnlyList<(string Scenario, string Message, long Count)> Entries =>
        [.. _counts.Select(e => (e.Key.Scenario, e.Key.Message, Interlocked.Read(ref e.Value[0]))).OrderByDescending(e => e.Item3)];
}

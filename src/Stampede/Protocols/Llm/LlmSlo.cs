using System.Globalization;

namespace Stampede.Protocols.Llm;

/// <summary>
/// Service-level objectives a request must meet to count as goodput (<c>llm_goodput</c>). Every limit is optional;
/// a request meets the SLO when it succeeded and is within every limit set.
/// </summary>
public sealed record LlmSlo
{
    /// <summary>Longest time to first token.</summary>
    public TimeSpan? Ttft { get; init; }

    /// <summary>Longest time per output token.</summary>
    public TimeSpan? Tpot { get; init; }

    /// <summary>Longest end-to-end time.</summary>
    public TimeSpan? E2e { get; init; }

    /// <summary>True when the timings (ms) are within every limit set.</summary>
    public bool IsMetBy(double ttftMs, double? tpotMs, double e2eMs) =>
        (Ttft is not { } ttft || ttftMs < ttft.TotalMilliseconds)
        && (Tpot is not { } tpot || tpotMs is null || tpotMs < tpot.TotalMilliseconds)
        && (E2e is not { } e2e || e2eMs < e2e.TotalMilliseconds);

    /// <summary>Parses <c>"ttft&lt;1s, tpot&lt;50ms, e2e&lt;10s"</c> (units ms, s, m); throws <see cref="FormatException"/> listing every bad part.</summary>
    public static LlmSlo Parse(string text)
    {
        var slo = new LlmSlo();
        var problems = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('<', StringComparison.Ordinal);
            if (at <= 0 || !TryDuration(part[(at + 1)..].Trim(), out var limit))
            {
                problems.Add($"'{part}' is not <metric><<duration>");
                continue;
            }

            switch (part[..at].Trim())
            {
                case "ttft": slo = slo with { Ttft = limit }; break;
                case "tpot": slo = slo with { Tpot = limit }; break;
                case "e2e": slo = slo with { E2e = limit }; break;
                default: problems.Add($"'{part[..at].Trim()}' is not one of ttft, tpot, e2e"); break;
            }
        }

        return problems.Count == 0 ? slo : throw new FormatException("SLO: " + string.Join("; ", problems));
    }

    private static bool TryDuration(string text, out TimeSpan value)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (text, double.NaN);
        var ok = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && !double.IsNaN(scale) && n > 0;
        value = ok ? TimeSpan.FromMilliseconds(n * scale) : default;
        return ok;
    }
}

using System.Globalization;
using Stampede.Metrics;

namespace Stampede.K6.Summary;

/// <summary>
/// One entry of k6's <c>summaryTrendStats</c>: <c>avg</c>, <c>min</c>, <c>med</c>, <c>max</c>, <c>count</c> or
/// <c>p(N)</c> with N from 0 to 100, read off a trend's values.
/// </summary>
internal sealed record TrendStat(string Name, double? Percentile)
{
    /// <summary>k6's default columns.</summary>
    public static IReadOnlyList<string> Defaults { get; } = ["avg", "min", "med", "max", "p(90)", "p(95)"];

    /// <summary>Parses a stat as k6 accepts it; throws <see cref="ArgumentException"/> on anything else, as k6 refuses such options.</summary>
    public static TrendStat Parse(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        if (stat is "avg" or "min" or "med" or "max" or "count")
        {
            return new TrendStat(stat, null);
        }

        if (stat.StartsWith("p(", StringComparison.Ordinal) && stat.EndsWith(')')
            && double.TryParse(stat.AsSpan(2, stat.Length - 3), NumberStyles.Float, CultureInfo.InvariantCulture, out var percentile)
            && percentile is >= 0 and <= 100)
        {
            return new TrendStat(stat, percentile);
        }

        throw new ArgumentException($"invalid trend stat '{stat}': expected avg, min, med, max, count or p(N) with N from 0 to 100", nameof(stat));
    }

    /// <summary>
    /// The stat's value; <paramref name="otherPercentile"/> answers the percentiles a result does not store
    /// (it keeps p(90), p(95) and p(99)). No samples read as 0, as in k6.
    /// </summary>
    public double Of(ResultValues values, Func<double, double?> otherPercentile) => Name switch
    {
        "avg" => values.Avg ?? 0,
        "min" => values.Min ?? 0,
        "med" => values.Med ?? 0,
        "max" => values.Max ?? 0,
        "count" => values.Count ?? 0,
        _ => Percentile switch
        {
            50 => values.Med,
            90 => values.P90,
            95 => values.P95,
            99 => values.P99,
            _ => null,
        } ?? otherPercentile(Percentile!.Value) ?? 0,
    };
}

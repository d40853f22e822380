namespace Stampede.Monitoring.Prometheus;

/// <summary>A parsed <c>/metrics</c> page: its samples, the declared type of each family, and lines that could not be read.</summary>
public sealed record PrometheusExposition
{
    private static readonly string[] Suffixes = ["_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"];

    /// <summary>Every sample, in the order written.</summary>
    public required IReadOnlyList<PrometheusSample> Samples { get; init; }

    /// <summary>Family name → declared type.</summary>
    public required IReadOnlyDictionary<string, PrometheusMetricType> Types { get; init; }

    /// <summary>Lines skipped as malformed, as "line N: problem".</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The family a sample belongs to: its own name when typed, else the name without a known suffix, else itself.</summary>
    public string FamilyOf(string sampleName)
    {
        if (Types.ContainsKey(sampleName))
        {
            return sampleName;
        }

        foreach (var suffix in Suffixes)
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && Types.ContainsKey(sampleName[..^suffix.Length]))
            {
                return sampleName[..^suffix.Length];
            }
        }

        return sampleName;
    }

    /// <summary>
    /// True when the sample is cumulative, so its meaning is its increase: counters, and a histogram's or summary's
    /// <c>_bucket</c>, <c>_sum</c> and <c>_count</c>. Untyped series count as counters when named <c>*_total</c>.
    /// </summary>
    public bool IsCumulative(string sampleName)
    {
        var family = FamilyOf(sampleName);
        var type = Types.GetValueOrDefault(family);
        var suffix = sampleName[family.Length..];
        return type switch
        {
            PrometheusMetricType.Counter => suffix != "_created",
            PrometheusMetricType.Histogram => suffix is "_bucket" or "_sum" or "_count",
            PrometheusMetricType.Summary => suffix is "_sum" or "_count",
            PrometheusMetricType.Untyped => sampleName.EndsWith("_total", StringComparison.Ordinal),
            _ => false,
        };
    }
}

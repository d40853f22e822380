using Stampede.Metrics;

namespace Stampede.Outputs.Html;

/// <summary>
/// A trend's whole-run histogram regrouped into log-spaced buckets for drawing, decoded from the result's HDR
/// histogram here so the report's script never has to understand HdrHistogram's encoding.
/// </summary>
internal sealed record LatencyHistogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts)
{
    public const int Buckets = 48;

    public static LatencyHistogram? From(MetricResult metric)
    {
        if (metric.Histogram is not { } encoded)
        {
            return null;
        }

        var histogram = HistogramCodec.Decode(encoded);
        if (histogram.TotalCount == 0)
        {
            return null;
        }

        var scale = TrendScale.For(metric.Unit);
        var recorded = histogram.RecordedValues().Select(v => (Value: scale.ToValue(v.ValueIteratedTo), Count: v.CountAddedInThisIterationStep)).ToList();
        var low = recorded.Where(v => v.Value > 0).Select(v => v.Value).DefaultIfEmpty(1).Min();
        var high = Math.Max(recorded.Max(v => v.Value), low * 1.01);
        var edges = LogEdges(low, high, Buckets);
        var counts = new long[Buckets];
        foreach (var (value, count) in recorded)
        {
            counts[BucketOf(edges, value)] += count;
        }

        return new LatencyHistogram(edges, counts);
    }

    public static double[] LogEdges(double low, double high, int buckets)
    {
        var edges = new double[buckets + 1];
        var logLow = Math.Log(low);
        var step = (Math.Log(high) - logLow) / buckets;
        for (var i = 0; i <= buckets; i++)
        {
            edges[i] = Math.Exp(logLow + (step * i));
        }

        edges[buckets] = high;
        return edges;
    }

    public static int BucketOf(IReadOnlyList<double> edges, double value)
    {
        var buckets = edges.Count - 1;
        if (value <= edges[0])
        {
            return 0;
        }

        var fraction = Math.Log(value / edges[0]) / Math.Log(edges[buckets] / edges[0]);
        return Math.Clamp((int)(fraction * buckets), 0, buckets - 1);
    }
}

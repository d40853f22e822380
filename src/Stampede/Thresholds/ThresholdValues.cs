using Stampede.Metrics;

namespace Stampede.Thresholds;

/// <summary>Serves a threshold the aggregations of a set of series.</summary>
internal sealed class ThresholdValues(MetricValues values) : IThresholdValues
{
    public double? Get(Aggregation aggregation, double percentile)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        return aggregation switch
        {
            Aggregation.Avg => values.Avg,
            Aggregation.Min => values.Min,
            Aggregation.Max => values.Max,
            Aggregation.Med => values.Med,
            Aggregation.Percentile => values.Percentile(percentile),
            Aggregation.Rate => values.Rate,
            Aggregation.Count => values.Count,
            Aggregation.Value => values.Value,
            _ => null,
        };
    }
}

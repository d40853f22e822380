namespace Stampede.Monitoring.Prometheus;

/// <summary>A metric family's <c># TYPE</c>, from text format 0.0.4 and OpenMetrics.</summary>
public enum PrometheusMetricType
{
    /// <summary>No <c># TYPE</c> line, or <c>untyped</c>/<c>unknown</c>.</summary>
    Untyped,

    /// <summary>A monotonically increasing count.</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>Cumulative buckets with <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.</summary>
    Histogram,

    /// <summary>OpenMetrics gauge histogram: <c>_bucket</c>, <c>_gsum</c>, <c>_gcount</c>, all gauges.</summary>
    GaugeHistogram,

    /// <summary>Quantiles (gauges) with <c>_sum</c> and <c>_count</c> series.</summary>
    Summary,

    /// <summary>OpenMetrics info or stateset: constant 1/0 series.</summary>
    Info,
}

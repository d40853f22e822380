using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Observability;

/// <summary><c>GET /metrics</c> in the Prometheus text format.</summary>
internal static class MetricsEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(DemoRoutes.Metrics, (DemoMetrics metrics) => Results.Text(metrics.Render(), PrometheusTextWriter.ContentType));
}

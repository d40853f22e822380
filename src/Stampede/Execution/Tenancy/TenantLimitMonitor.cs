using System.Globalization;
using Stampede.Metrics;
using Stampede.Plans.Tenants;

namespace Stampede.Execution.Tenancy;

/// <summary>
/// Judges <see cref="TenantLimits"/> once a second from the run's tenant-tagged series and stops the run gracefully,
/// naming the tenant and the figure, once one is passed. The tenant an isolation check exhausts on purpose is left
/// out of the per-tenant error-rate limit: its refusals are the point of that run.
/// </summary>
internal sealed class TenantLimitMonitor(TenantLimits limits, string? exhausted, MetricRegistry registry, Action<string> requestStop)
{
    private bool _stopped;

    public void Check()
    {
        if (_stopped)
        {
            return;
        }

        var tenants = new Dictionary<string, (double Cost, double Requests, double Failures)>(StringComparer.Ordinal);
        foreach (var series in registry.AllSeries)
        {
            if (series.Tags["tenant"] is not { } tenant)
            {
                continue;
            }

            var (cost, requests, failures) = tenants.GetValueOrDefault(tenant);
            switch (series)
            {
                case CounterSeries counter when series.Metric == BuiltinMetrics.LlmCost:
                    cost += counter.Total;
                    break;
                case CounterSeries counter when series.Metric == BuiltinMetrics.LlmRequests || series.Metric == BuiltinMetrics.HttpReqs:
                    requests += counter.Total;
                    break;
                case CounterSeries counter when series.Metric == BuiltinMetrics.LlmErrors:
                    failures += counter.Total;
                    break;
                case RateSeries rate when series.Metric == BuiltinMetrics.HttpReqFailed:
                    failures += rate.Passes;
                    break;
                default:
                    continue;
            }

            tenants[tenant] = (cost, requests, failures);
        }

        foreach (var (tenant, (cost, requests, failures)) in tenants.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (limits.CostPerTenantUsd is { } maxCost && (decimal)cost > maxCost)
            {
                Stop($"tenant limit costPerTenant reached: {tenant} spent ${cost:0.######} of ${maxCost:0.######}");
                return;
            }

            if (limits.ErrorRatePerTenant is { } maxRate && tenant != exhausted && requests >= limits.MinRequests && failures / requests > maxRate)
            {
                Stop($"tenant limit errorRatePerTenant reached: {failures / requests:0.#%} of {tenant}'s requests failed (limit {maxRate:0.##%})");
                return;
            }
        }

        var totalCost = tenants.Values.Sum(t => t.Cost);
        var totalRequests = tenants.Values.Sum(t => t.Requests);
        var totalFailures = tenants.Values.Sum(t => t.Failures);
        if (limits.CostUsd is { } max && (decimal)totalCost > max)
        {
            Stop($"tenant limit cost reached: the tenants spent ${totalCost:0.######} of ${max:0.######}");
        }
        else if (limits.ErrorRate is { } rate && totalRequests >= limits.MinRequests && totalFailures / totalRequests > rate)
        {
            Stop($"tenant limit errorRate reached: {totalFailures / totalRequests:0.#%} of the tenants' requests failed (limit {rate:0.##%})");
        }
    }

    private void Stop(FormattableString reason)
    {
        _stopped = true;
        requestStop(reason.ToString(CultureInfo.InvariantCulture));
    }
}

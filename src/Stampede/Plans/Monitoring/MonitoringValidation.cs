namespace Stampede.Plans.Monitoring;

/// <summary>Checks a plan's <c>monitor:</c>, <c>target:</c>, <c>chaos:</c> and <c>limits:</c> when it loads, reporting every problem.</summary>
internal static class MonitoringValidation
{
    public static IReadOnlyList<PlanError> Validate(TestPlan plan)
    {
        var errors = new List<PlanError>();
        if (plan.Monitor?.Prometheus is { } prometheus)
        {
            if (!prometheus.Url.IsAbsoluteUri || prometheus.Url.Scheme is not ("http" or "https"))
            {
                errors.Add(new PlanError("monitor.prometheus.url", $"expected an absolute http:// or https:// URL, found '{prometheus.Url}'"));
            }

            Positive(errors, "monitor.prometheus.every", prometheus.Every);
            Positive(errors, "monitor.prometheus.timeout", prometheus.Timeout);
            foreach (var name in prometheus.Select.Where(n => !Metrics.Metric.IsValidName(n.Replace(':', '_'))))
            {
                errors.Add(new PlanError("monitor.prometheus.select", $"'{name}' is not a metric name"));
            }
        }

        if (plan.Monitor?.Json is { } json)
        {
            if (!json.Url.IsAbsoluteUri || json.Url.Scheme is not ("http" or "https"))
            {
                errors.Add(new PlanError("monitor.json.url", $"expected an absolute http:// or https:// URL, found '{json.Url}'"));
            }

            Positive(errors, "monitor.json.every", json.Every);
            Positive(errors, "monitor.json.timeout", json.Timeout);
            if (json.Select.Count == 0)
            {
                errors.Add(new PlanError("monitor.json.select", "select at least one value: { name: $.path }"));
            }

            var builtin = Metrics.BuiltinMetrics.All.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, path) in json.Select)
            {
                if (!Metrics.Metric.IsValidName(name) || builtin.Contains(name))
                {
                    errors.Add(new PlanError($"monitor.json.select.{name}", builtin.Contains(name)
                        ? $"'{name}' is one of Stampede's own metrics; name the value something else"
                        : $"'{name}' is not a metric name (letters, digits and _, not starting with a digit)"));
                }

                if (string.IsNullOrWhiteSpace(path))
                {
                    errors.Add(new PlanError($"monitor.json.select.{name}", "expected a JSON path such as $.loop.hz"));
                }
            }
        }

        if (plan.Target is { } target)
        {
            if (target.Command is null == target.Pid is null)
            {
                errors.Add(new PlanError("target", "give either command (Stampede starts the target) or pid (it is already running)"));
            }

            if (target.Pid is <= 0)
            {
                errors.Add(new PlanError("target.pid", $"must be a process id greater than 0, got {target.Pid}"));
            }

            if (target.Ready is not null && target.Command is null)
            {
                errors.Add(new PlanError("target.ready", "needs command: Stampede only waits for a target it starts"));
            }

            Positive(errors, "target.readyTimeout", target.ReadyTimeout);
        }

        if (plan.Chaos is { } chaos)
        {
            if (chaos.Proxy is { } proxy)
            {
                if (proxy.Upstream is null && plan.BaseUrl is null)
                {
                    errors.Add(new PlanError("chaos.proxy", "needs upstream (host:port) or the plan's baseUrl to know where to forward"));
                }
                else if (proxy.Upstream is { } upstream && (upstream.LastIndexOf(':') is var colon && colon <= 0 || !int.TryParse(upstream.AsSpan(colon + 1), out var port) || port is < 1 or > 65535))
                {
                    errors.Add(new PlanError("chaos.proxy.upstream", $"expected host:port, found '{upstream}'"));
                }

                if (proxy.ListenPort is < 0 or > 65535)
                {
                    errors.Add(new PlanError("chaos.proxy.listen", $"must be a port between 0 and 65535, got {proxy.ListenPort}"));
                }
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var fault in chaos.Faults)
            {
                var path = $"chaos.{fault.Name}";
                if (string.IsNullOrWhiteSpace(fault.Name) || !names.Add(fault.Name))
                {
                    errors.Add(new PlanError("chaos", $"every fault needs a name of its own, found '{fault.Name}' twice or empty"));
                }

                if (fault.At < TimeSpan.Zero)
                {
                    errors.Add(new PlanError($"{path}.at", "must not be negative"));
                }

                if (fault.Every is { } every && every < TimeSpan.FromSeconds(1))
                {
                    errors.Add(new PlanError($"{path}.every", $"must be at least 1s, got {Duration.Format(every)}"));
                }

                if (fault.Action is ProxyFault)
                {
                    if (chaos.Proxy is null)
                    {
                        errors.Add(new PlanError(path, "a proxy fault needs chaos.proxy, so the VUs' traffic goes through the fault proxy"));
                    }

                    if (fault.For is not { } window || window <= TimeSpan.Zero)
                    {
                        errors.Add(new PlanError($"{path}.for", "a proxy fault needs for: how long it lasts, e.g. 10s"));
                    }
                }
            }

            if (chaos.Resilience.StableSeconds < 1)
            {
                errors.Add(new PlanError("chaos.resilience.stableSeconds", "must be at least 1"));
            }
        }

        if (plan.Limits is { } limits)
        {
            if (limits.ErrorRate is { } errorRate)
            {
                if (errorRate.Max is < 0 or >= 1 || double.IsNaN(errorRate.Max))
                {
                    errors.Add(new PlanError("limits.errorRate.max", $"must be a share from 0% up to (not including) 100%, got {errorRate.Max:0.##%}"));
                }

                Positive(errors, "limits.errorRate.for", errorRate.For);
            }

            if (limits.MaxDuration is { } maxDuration)
            {
                Positive(errors, "limits.maxDuration", maxDuration);
            }
        }

        return errors;
    }

    private static void Positive(List<PlanError> errors, string path, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(new PlanError(path, "must be greater than 0"));
        }
    }
}

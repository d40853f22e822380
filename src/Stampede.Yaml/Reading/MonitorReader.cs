using System.Globalization;
using Stampede.Metrics;
using Stampede.Plans.Monitoring;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Reads the plan's <c>monitor:</c>, <c>target:</c>, <c>chaos:</c> and <c>limits:</c> (docs/monitoring.md), and the
/// metrics they declare so thresholds may name scraped and resilience metrics.
/// </summary>
internal sealed class MonitorReader(PlanReader reader)
{
    public static readonly IReadOnlyList<string> Monitor = ["prometheus", "json"];

    public static readonly IReadOnlyList<string> Prometheus = ["url", "every", "timeout", "select"];

    public static readonly IReadOnlyList<string> Json = ["url", "every", "timeout", "select"];

    /// <summary>The plan's <c>baseUrl</c>, which a relative <c>monitor.json.url</c> (<c>/api/health/details</c>) resolves against.</summary>
    public Uri? BaseUrl { get; init; }

    public static readonly IReadOnlyList<string> Target = ["command", "pid", "workingDirectory", "ready", "readyTimeout", "stopTimeout", "sample"];

    public static readonly IReadOnlyList<string> Chaos = ["proxy", "faults", "resilience"];

    public static readonly IReadOnlyList<string> Proxy = ["upstream", "listen"];

    public static readonly IReadOnlyList<string> Fault = ["at", "from", "every", "for", "command", "timeout", "http", "proxy"];

    public static readonly IReadOnlyList<string> FaultActions = ["command", "http", "proxy"];

    public static readonly IReadOnlyList<string> Http = ["url", "method", "headers", "body"];

    public static readonly IReadOnlyList<string> Conditions = ["latency", "jitter", "bandwidth", "reset", "blackhole"];

    public static readonly IReadOnlyList<string> Resilience = ["errorRateMargin", "latencyFactor", "latencyFloor", "stableSeconds"];

    public static readonly IReadOnlyList<string> Limits = ["errorRate", "maxDuration"];

    public static readonly IReadOnlyList<string> ErrorRate = ["max", "for"];

    /// <summary>What the four keys hold, each null when absent.</summary>
    public sealed record Parts(MonitorPlan? Monitor, TargetPlan? Target, ChaosPlan? Chaos, RunLimits? Limits)
    {
        /// <summary>Metrics to declare in the plan.</summary>
        public IReadOnlyList<Metric> Metrics => MonitoredMetrics.DeclaredBy(Monitor, Target, Chaos);
    }

    public Parts Read(IReadOnlyDictionary<string, YamlNode> root) => new(
        root.TryGetValue("monitor", out var m) ? ReadMonitor(m) : null,
        root.TryGetValue("target", out var t) ? ReadTarget(t) : null,
        root.TryGetValue("chaos", out var c) ? ReadChaos(c) : null,
        root.TryGetValue("limits", out var l) ? ReadLimits(l) : null);

    private MonitorPlan ReadMonitor(YamlNode node)
    {
        var plan = new MonitorPlan();
        foreach (var (key, _, value) in reader.Mapping(node, "monitor", Monitor, "a monitor { prometheus, json }"))
        {
            plan = key == "json" ? plan with { Json = ReadJson(value) } : plan with { Prometheus = ReadPrometheus(value) };
        }

        return plan;
    }

    private PrometheusScrapeOptions? ReadPrometheus(YamlNode node)
    {
        const string path = "monitor.prometheus";
        var entries = reader.Mapping(node, path, Prometheus, "prometheus { url, every, timeout, select }");
        Uri? url = null;
        var options = new PrometheusScrapeOptions { Url = new Uri("http://127.0.0.1/") };
        foreach (var (key, _, value) in entries)
        {
            var at = PlanReader.Join(path, key);
            switch (key)
            {
                case "url":
                    url = Url(value, at);
                    break;
                case "every":
                    options = reader.Duration(value, at, allowZero: false) is { } every ? options with { Every = every } : options;
                    break;
                case "timeout":
                    options = reader.Duration(value, at, allowZero: false) is { } timeout ? options with { Timeout = timeout } : options;
                    break;
                default:
                    options = options with { Select = [.. reader.Sequence(value, at, "metric names").Select(n => reader.Text(n, at)).OfType<string>()] };
                    break;
            }
        }

        if (url is null)
        {
            if (!entries.Any(e => e.Key == "url"))
            {
                reader.Missing(path, "url", "missing url: the target's metrics endpoint, e.g. http://127.0.0.1:5000/metrics", node);
            }

            return null;
        }

        return options with { Url = url };
    }

    private TargetPlan ReadTarget(YamlNode node)
    {
        var plan = new TargetPlan();
        foreach (var (key, _, value) in reader.Mapping(node, "target", Target, "a target { command | pid, ready, readyTimeout, … }"))
        {
            var at = PlanReader.Join("target", key);
            plan = key switch
            {
                "command" => plan with { Command = reader.Text(value, at) },
                "pid" => plan with { Pid = reader.Int(value, at, 1, int.MaxValue) },
                "workingDirectory" => reader.Text(value, at) is { } directory
                    ? plan with { WorkingDirectory = Path.GetFullPath(Path.Combine(reader.BaseDirectory, directory)) }
                    : plan,
                "ready" => plan with { Ready = Url(value, at) },
                "readyTimeout" => reader.Duration(value, at, allowZero: false) is { } ready ? plan with { ReadyTimeout = ready } : plan,
                "stopTimeout" => reader.Duration(value, at) is { } stop ? plan with { StopTimeout = stop } : plan,
                _ => plan with { SampleResources = reader.Bool(value, at) ?? true },
            };
        }

        return plan;
    }

    private ChaosPlan ReadChaos(YamlNode node)
    {
        var plan = new ChaosPlan();
        foreach (var (key, _, value) in reader.Mapping(node, "chaos", Chaos, "chaos { proxy, faults, resilience }"))
        {
            plan = key switch
            {
                "proxy" => plan with { Proxy = ReadProxy(value) },
                "resilience" => plan with { Resilience = ReadResilience(value) },
                _ => plan with { Faults = ReadFaults(value) },
            };
        }

        return plan;
    }

    private FaultProxyPlan ReadProxy(YamlNode node)
    {
        var plan = new FaultProxyPlan();
        if (reader.IsNull(node))
        {
            return plan;
        }

        foreach (var (key, _, value) in reader.Mapping(node, "chaos.proxy", Proxy, "a proxy { upstream, listen }"))
        {
            var at = PlanReader.Join("chaos.proxy", key);
            plan = key == "upstream"
                ? plan with { Upstream = reader.Text(value, at, "host:port") }
                : plan with { ListenPort = reader.Int(value, at, 0, 65535) ?? 0 };
        }

        return plan;
    }

    private List<FaultPlan> ReadFaults(YamlNode node)
    {
        var faults = new List<FaultPlan>();
        foreach (var (name, _, value) in reader.Mapping(node, "chaos.faults", null, "faults by name"))
        {
            var path = $"chaos.{name}";
            var entries = reader.Mapping(value, path, Fault, "a fault { at | from, every, for, and one of command, http, proxy }");
            var fault = new FaultPlan { Name = name, Action = new CommandFault("") };
            FaultAction? action = null;
            foreach (var (key, keyNode, v) in entries)
            {
                var at = PlanReader.Join(path, key);
                if (FaultActions.Contains(key) && action is not null)
                {
                    reader.Error(at, "a fault does one thing: give only one of command, http, proxy", keyNode);
                    continue;
                }

                switch (key)
                {
                    case "at" or "from":
                        fault = reader.Duration(v, at) is { } first ? fault with { At = first } : fault;
                        break;
                    case "every":
                        fault = fault with { Every = reader.Duration(v, at, allowZero: false) };
                        break;
                    case "for":
                        fault = fault with { For = reader.Duration(v, at, allowZero: false) };
                        break;
                    case "timeout":
                        break;   // read with command below
                    case "command":
                        action = reader.Text(v, at) is { } command ? new CommandFault(command) : null;
                        break;
                    case "http":
                        action = ReadHttp(v, at);
                        break;
                    default:
                        action = new ProxyFault(ReadConditions(v, at));
                        break;
                }
            }

            if (action is CommandFault withTimeout && entries.FirstOrDefault(e => e.Key == "timeout") is { Value: { } timeoutNode })
            {
                action = reader.Duration(timeoutNode, $"{path}.timeout", allowZero: false) is { } timeout ? withTimeout with { Timeout = timeout } : action;
            }

            if (action is null)
            {
                if (!entries.Any(e => FaultActions.Contains(e.Key)))
                {
                    reader.Error(path, "a fault needs one of command, http or proxy: what it does", value);
                }

                continue;
            }

            faults.Add(fault with { Action = action });
        }

        return faults;
    }

    private HttpFault? ReadHttp(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return Url(node, path) is { } plain ? new HttpFault(plain) : null;
        }

        var entries = reader.Mapping(node, path, Http, "http { url, method, headers, body }");
        var fault = new HttpFault(new Uri("http://127.0.0.1/"));
        Uri? url = null;
        foreach (var (key, _, value) in entries)
        {
            var at = PlanReader.Join(path, key);
            switch (key)
            {
                case "url":
                    url = Url(value, at);
                    break;
                case "method":
                    fault = reader.Text(value, at) is { } method ? fault with { Method = method.ToUpperInvariant() } : fault;
                    break;
                case "headers":
                    fault = fault with { Headers = reader.StringMap(value, at, "headers") };
                    break;
                default:
                    fault = fault with { Body = reader.Text(value, at) };
                    break;
            }
        }

        if (url is null && !entries.Any(e => e.Key == "url"))
        {
            reader.Missing(path, "url", "missing url: the endpoint to call", node);
        }

        return url is null ? null : fault with { Url = url };
    }

    private ProxyConditions ReadConditions(YamlNode node, string path)
    {
        var conditions = new ProxyConditions();
        foreach (var (key, _, value) in reader.Mapping(node, path, Conditions, "proxy conditions { latency, jitter, bandwidth, reset, blackhole }"))
        {
            var at = PlanReader.Join(path, key);
            conditions = key switch
            {
                "latency" => reader.Duration(value, at) is { } latency ? conditions with { Latency = latency } : conditions,
                "jitter" => reader.Duration(value, at) is { } jitter ? conditions with { Jitter = jitter } : conditions,
                "bandwidth" => reader.Int(value, at, 1, int.MaxValue) is { } bandwidth ? conditions with { BandwidthBytesPerSecond = bandwidth } : conditions,
                "reset" => conditions with { Reset = reader.Bool(value, at) ?? false },
                _ => conditions with { Blackhole = reader.Bool(value, at) ?? false },
            };
        }

        return conditions;
    }

    private ResilienceOptions ReadResilience(YamlNode node)
    {
        var options = new ResilienceOptions();
        foreach (var (key, _, value) in reader.Mapping(node, "chaos.resilience", Resilience, "resilience { errorRateMargin, latencyFactor, latencyFloor, stableSeconds }"))
        {
            var at = PlanReader.Join("chaos.resilience", key);
            options = key switch
            {
                "errorRateMargin" => Share(value, at) is { } margin ? options with { ErrorRateMargin = margin } : options,
                "latencyFactor" => reader.Number(value, at, 1, 1000) is { } factor ? options with { LatencyFactor = factor } : options,
                "latencyFloor" => reader.Duration(value, at) is { } floor ? options with { LatencyFloor = floor } : options,
                _ => reader.Int(value, at, 1, 3600) is { } stable ? options with { StableSeconds = stable } : options,
            };
        }

        return options;
    }

    private RunLimits ReadLimits(YamlNode node)
    {
        var limits = new RunLimits();
        foreach (var (key, _, value) in reader.Mapping(node, "limits", Limits, "limits { errorRate, maxDuration }"))
        {
            var at = PlanReader.Join("limits", key);
            if (key == "maxDuration")
            {
                limits = limits with { MaxDuration = reader.Duration(value, at, allowZero: false) };
                continue;
            }

            double? max = null;
            TimeSpan? window = null;
            var entries = reader.Mapping(value, at, ErrorRate, "an error-rate limit { max, for }");
            foreach (var (limitKey, _, limitValue) in entries)
            {
                if (limitKey == "max")
                {
                    max = Share(limitValue, PlanReader.Join(at, limitKey));
                }
                else
                {
                    window = reader.Duration(limitValue, PlanReader.Join(at, limitKey), allowZero: false);
                }
            }

            if (!entries.Any(e => e.Key == "max"))
            {
                reader.Missing(at, "max", "missing max: the largest acceptable share of failed requests, e.g. 10%", value);
            }

            if (max is { } share)
            {
                limits = limits with { ErrorRate = new ErrorRateLimit(share, window ?? TimeSpan.FromSeconds(1)) };
            }
        }

        return limits;
    }

    /// <summary>A share written as <c>10%</c> or <c>0.1</c>.</summary>
    private double? Share(YamlNode node, string path)
    {
        var text = reader.Text(node, path, "a share such as 10% or 0.1");
        if (text is null)
        {
            return null;
        }

        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            reader.Error(path, $"expected a share such as 10% or 0.1, found '{text}'", node);
            return null;
        }

        value = percent ? value / 100 : value;
        if (value is < 0 or > 1)
        {
            reader.Error(path, $"expected a share between 0% and 100%, found '{text}'", node);
            return null;
        }

        return value;
    }

    private JsonScrapeOptions? ReadJson(YamlNode node)
    {
        const string path = "monitor.json";
        var entries = reader.Mapping(node, path, Json, "json { url, every, timeout, select }");
        Uri? url = null;
        var select = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new JsonScrapeOptions { Url = new Uri("http://127.0.0.1/"), Select = select };
        foreach (var (key, _, value) in entries)
        {
            var at = PlanReader.Join(path, key);
            switch (key)
            {
                case "url":
                    url = RelativeUrl(value, at);
                    break;
                case "every":
                    options = reader.Duration(value, at, allowZero: false) is { } every ? options with { Every = every } : options;
                    break;
                case "timeout":
                    options = reader.Duration(value, at, allowZero: false) is { } timeout ? options with { Timeout = timeout } : options;
                    break;
                default:
                    foreach (var (name, nameNode, pathNode) in reader.Mapping(value, at, null, "values to read { metric_name: $.json.path }"))
                    {
                        var entry = PlanReader.Join(at, name);
                        if (!Metric.IsValidName(name))
                        {
                            reader.Error(entry, $"'{name}' is not a metric name (letters, digits and _, not starting with a digit)", nameNode);
                            continue;
                        }

                        if (reader.Text(pathNode, entry, "a JSON path such as $.loop.hz") is not { } text)
                        {
                            continue;
                        }

                        if (!Protocols.JsonPath.TryParse(text, out _, out var error))
                        {
                            reader.Error(entry, error, pathNode);
                            continue;
                        }

                        select[name] = text;
                    }

                    if (value is YamlMappingNode { Children.Count: 0 })
                    {
                        reader.Error(at, "select at least one value: { backend_loop_hz: $.loop.hz }", value);
                    }

                    break;
            }
        }

        if (!entries.Any(e => e.Key == "select"))
        {
            reader.Missing(path, "select", "missing select: the values to read, e.g. { backend_loop_hz: $.loop.hz }", node);
            return null;
        }

        if (url is null)
        {
            if (!entries.Any(e => e.Key == "url"))
            {
                reader.Missing(path, "url", "missing url: the target's JSON endpoint, e.g. /api/health/details", node);
            }

            return null;
        }

        return select.Count == 0 ? null : options with { Url = url };
    }

    /// <summary>An absolute URL, or a path resolved against the plan's <c>baseUrl</c>.</summary>
    private Uri? RelativeUrl(YamlNode node, string path)
    {
        var text = reader.Text(node, path, "a URL");
        if (text is not null && BaseUrl is not null && text.StartsWith('/') && Uri.TryCreate(BaseUrl, text, out var resolved))
        {
            return resolved;
        }

        if (text is not null && text.StartsWith('/'))
        {
            reader.Error(path, $"'{text}' is a path: give the plan a baseUrl, or write the whole URL", node);
            return null;
        }

        return text is null ? null : Url(node, path);
    }

    private Uri? Url(YamlNode node, string path)
    {
        var text = reader.Text(node, path, "a URL");
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        reader.Error(path, $"expected an absolute http:// or https:// URL, found '{text}'", node);
        return null;
    }
}

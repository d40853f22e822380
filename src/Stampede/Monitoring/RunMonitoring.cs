using Stampede.Metrics;
using Stampede.Monitoring.Chaos;
using Stampede.Monitoring.Processes;
using Stampede.Monitoring.Json;
using Stampede.Monitoring.Prometheus;
using Stampede.Plans;
using Stampede.Plans.Monitoring;

namespace Stampede.Monitoring;

/// <summary>
/// Everything that watches and shakes the target during one run, started and stopped with it by the
/// engine: the target process, the fault proxy, Prometheus scraping, process sampling, the chaos
/// schedule, run limits, and the resilience verdicts judged at the end.
/// </summary>
internal sealed class RunMonitoring : IAsyncDisposable
{
    private readonly MetricRegistry _registry;
    private readonly TimeProvider _time;
    private readonly Action<string> _requestStop;
    private readonly FaultProxy? _proxy;
    private readonly LimitMonitor? _limits;
    private readonly CancellationTokenSource _stop = new();
    private TargetProcess? _target;
    private PrometheusScraper? _scraper;
    private JsonScraper? _jsonScraper;
    private ProcessSampler? _sampler;
    private ChaosRunner? _chaos;
    private Task _chaosRun = Task.CompletedTask;

    // requestStop stops the run gracefully with a reason: a target that cannot start, a run limit reached.
    public RunMonitoring(TestPlan plan, MetricRegistry registry, TimeProvider time, Action<string> requestStop)
    {
        _registry = registry;
        _time = time;
        _requestStop = requestStop;
        Plan = plan;
        if (plan.Chaos?.Proxy is { } proxyPlan && Upstream(plan, proxyPlan) is { } upstream)
        {
            _proxy = new FaultProxy(upstream.Host, upstream.Port, time, proxyPlan.ListenPort);
            _proxy.Start();
            if (plan.BaseUrl is { } baseUrl && baseUrl.Host == upstream.Host && baseUrl.Port == upstream.Port)
            {
                Plan = plan with { BaseUrl = new UriBuilder(baseUrl) { Host = "127.0.0.1", Port = _proxy.Endpoint.Port }.Uri };
            }
        }

        if (plan.Limits is { } limits)
        {
            _limits = new LimitMonitor(limits, requestStop);
        }
    }

    /// <summary>The plan the run uses: its baseUrl points at the fault proxy when there is one.</summary>
    public TestPlan Plan { get; }

    /// <summary>Where the fault proxy listens, or null.</summary>
    public System.Net.IPEndPoint? ProxyEndpoint => _proxy?.Endpoint;

    /// <summary>
    /// Starts the target (waiting until it is ready), scraping, sampling and the chaos schedule. Returns false, with
    /// the run stopped and the reason logged, when the target could not start.
    /// </summary>
    // The chaos schedule counts from startTimestamp; a target still starting gives up when stopping is cancelled.
    public async Task<bool> StartAsync(TestPlan plan, ErrorLog errors, long startTimestamp, TimeSpan expected, CancellationToken stopping)
    {
        if (plan.Target is { Command: not null } targetPlan)
        {
            _target = new TargetProcess(targetPlan, _time);
            try
            {
                await _target.StartAsync(stopping).ConfigureAwait(false);
            }
            catch (TargetStartException exception)
            {
                errors.Record("target", exception);
                _requestStop(exception.Message);
                return false;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        if (plan.Target is { SampleResources: true } sampled)
        {
            if (ProcessTree.IsSupported)
            {
                _sampler = new ProcessSampler(() => _target?.Pid ?? sampled.Pid, _registry, _time);
            }
            else
            {
                errors.Record("target", new PlatformNotSupportedException("target resource sampling reads /proc and needs Linux"));
            }
        }

        if (plan.Monitor?.Prometheus is { } prometheus)
        {
            _scraper = new PrometheusScraper(prometheus, _registry, _time, errors);
            _scraper.Start();
        }

        if (plan.Monitor?.Json is { } json)
        {
            _jsonScraper = new JsonScraper(json, _registry, _time, errors);
            _jsonScraper.Start();
        }

        if (plan.Chaos is { Faults.Count: > 0 } chaos)
        {
            _chaos = new ChaosRunner(chaos, _proxy, _time, startTimestamp, errors);
            _chaosRun = _chaos.RunAsync(expected, _stop.Token);
        }

        return true;
    }

    /// <summary>On the tick, before the second is collected: samples the target process.</summary>
    /// <summary>The plan's faults fired so far and firing now, for live outputs (the dashboard); judged only at the end (<see cref="JudgeFaults"/>).</summary>
    public IReadOnlyList<RunAnnotation> LiveFaults => _chaos?.Live ?? [];

    public void SampleSecond() => _sampler?.Sample();

    /// <summary>On the tick, after the second is collected: judges the run limits on it.</summary>
    public void CheckLimits(TimeSpan elapsed)
    {
        if (_limits is null)
        {
            return;
        }

        var last = _registry.TimelineOf(BuiltinMetrics.HttpReqFailed) is { Rates.Count: > 0 } failed ? failed.Rates[^1] : default;
        _limits.Observe(elapsed, last.Passes, last.Total);
    }

    /// <summary>Stops the chaos schedule, scraping, the proxy and the target, in that order.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _chaosRun.ConfigureAwait(false);
        if (_scraper is not null)
        {
            await _scraper.DisposeAsync().ConfigureAwait(false);
            _scraper = null;
        }

        if (_jsonScraper is not null)
        {
            await _jsonScraper.DisposeAsync().ConfigureAwait(false);
            _jsonScraper = null;
        }

        _proxy?.Clear();
        if (_target is not null)
        {
            await _target.DisposeAsync().ConfigureAwait(false);
            _target = null;
        }
    }

    /// <summary>
    /// The faults that fired, each with its resilience verdict, which is also recorded as <c>detection_time</c>,
    /// <c>recovery_time</c> and <c>requests_lost</c> (tagged <c>fault</c>). Call before the final collect, so the
    /// final threshold evaluation sees them.
    /// </summary>
    public IReadOnlyList<RunAnnotation> JudgeFaults()
    {
        if (_chaos is null || _chaos.Annotations is not { Count: > 0 } fired)
        {
            return [];
        }

        var seconds = Seconds();
        var options = Plan.Chaos?.Resilience ?? new ResilienceOptions();
        var judged = new List<RunAnnotation>();
        foreach (var fault in fired)
        {
            var verdict = ResilienceVerdicts.Judge(fault, seconds, fired[0].At, options);
            var tags = TagSet.Of(("fault", fault.Name ?? fault.Kind));
            if (verdict.DetectionSeconds is { } detection)
            {
                _registry.Trend(MonitoringMetrics.DetectionTime, tags).Record(TimeSpan.FromSeconds(detection));
            }

            _registry.Trend(MonitoringMetrics.RecoveryTime, tags).Record(TimeSpan.FromSeconds(verdict.RecoverySeconds ?? 0));
            _registry.Counter(MonitoringMetrics.RequestsLost, tags).Add(verdict.RequestsLost ?? 0);
            judged.Add(verdict);
        }

        return judged;
    }

    private List<SecondStats> Seconds()
    {
        var count = _registry.CollectedSeconds;
        var failed = _registry.TimelineOf(BuiltinMetrics.HttpReqFailed);
        var durations = _registry.TimelineOf(BuiltinMetrics.HttpReqDuration);
        var seconds = new List<SecondStats>(count);
        for (var s = 0; s < count; s++)
        {
            var rate = failed is not null && s >= failed.FirstSecond && s - failed.FirstSecond < failed.Rates.Count ? failed.Rates[s - failed.FirstSecond] : default;
            var p95 = durations is not null && s >= durations.FirstSecond && s - durations.FirstSecond < durations.Trends.Count ? durations.Trends[s - durations.FirstSecond].P95 : 0;
            seconds.Add(new SecondStats(rate.Total, rate.Passes, p95));
        }

        return seconds;
    }

    private static (string Host, int Port)? Upstream(TestPlan plan, FaultProxyPlan proxy)
    {
        if (proxy.Upstream is { } upstream)
        {
            var colon = upstream.LastIndexOf(':');
            return colon > 0 && int.TryParse(upstream.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port)
                ? (upstream[..colon], port)
                : null;
        }

        return plan.BaseUrl is { } baseUrl ? (baseUrl.Host, baseUrl.Port) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}

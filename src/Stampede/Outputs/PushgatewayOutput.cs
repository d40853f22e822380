using Prometheus;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// <c>--out pushgateway=URL</c>: pushes the run's metrics (names: <see cref="ExportedMetricNames"/>) to a
/// Prometheus Pushgateway every <see cref="Interval"/> (default 5 s) and once more when the run ends, under job
/// <c>stampede</c> and instance = the plan's name unless given.
/// </summary>
public sealed class PushgatewayOutput : IOutput
{
    private readonly PrometheusExporter _exporter = new();
    private readonly Lock _gate = new();
    private MetricRegistry? _registry;
    private MetricPusher? _pusher;
    private string _instance = "";

    /// <summary>Creates the output.</summary>
    /// <param name="endpoint">The Pushgateway's base URL, e.g. <c>http://127.0.0.1:9091</c>.</param>
    /// <param name="interval">Time between pushes (default 5 s).</param>
    /// <param name="job">The job label (default <c>stampede</c>).</param>
    /// <param name="instance">The instance label (default: the plan's name).</param>
    public PushgatewayOutput(Uri endpoint, TimeSpan? interval = null, string job = "stampede", string? instance = null)
    {
        Endpoint = endpoint;
        Interval = interval ?? TimeSpan.FromSeconds(5);
        Job = job;
        Instance = instance;
    }

    /// <summary>The Pushgateway's base URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Time between pushes.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The job label.</summary>
    public string Job { get; }

    /// <summary>The instance label, or null for the plan's name.</summary>
    public string? Instance { get; }

    /// <inheritdoc />
    public void Start(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _instance = Instance ?? run.Plan.Name;
        _pusher = new MetricPusher(new MetricPusherOptions
        {
            Endpoint = MetricsUrl(),
            Job = Job,
            Instance = _instance,
            IntervalMilliseconds = (long)Interval.TotalMilliseconds,
            Registry = _exporter.Registry,
        });
        _pusher.Start();
    }

    /// <inheritdoc />
    public void OnSecond(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            _registry = snapshot.Metrics;
            _exporter.Update(snapshot.Metrics);
        }
    }

    /// <inheritdoc />
    public async Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        if (_pusher is null)
        {
            return;
        }

        await _pusher.StopAsync().ConfigureAwait(false);
        _pusher = null;
        lock (_gate)
        {
            // The run is over: the registry's last second (collected after the final tick) can be read safely now.
            if (_registry is not null)
            {
                _exporter.Update(_registry);
            }
        }

        // The final push, so the gateway keeps the run's complete totals.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var body = new MemoryStream();
        await _exporter.Registry.CollectAndExportAsTextAsync(body, cancellationToken).ConfigureAwait(false);
        body.Position = 0;
        using var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { Parameters = { new("version", "0.0.4") } };
        var url = new Uri($"{MetricsUrl().TrimEnd('/')}/job/{Uri.EscapeDataString(Job)}/instance/{Uri.EscapeDataString(_instance)}");
        using var response = await client.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private string MetricsUrl() => Endpoint.AbsoluteUri.TrimEnd('/') + "/metrics";
}

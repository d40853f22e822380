using System.Globalization;
using Prometheus;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>
/// <c>--out prometheus=[HOST]:PORT</c>: serves the run's live metrics at <c>http://HOST:PORT/metrics</c> for
/// Prometheus to scrape, updated each second (names: <see cref="ExportedMetricNames"/>). Binds 127.0.0.1 unless a
/// host is given (<c>0.0.0.0:9464</c> for every interface). The endpoint stops when the run ends.
/// </summary>
public sealed class PrometheusOutput : IOutput
{
    private readonly PrometheusExporter _exporter;
    private readonly Lock _gate = new();
    private MetricServer? _server;

    /// <summary>Creates the output for <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <param name="host">Address to bind (default 127.0.0.1; 0.0.0.0 or * for all).</param>
    /// <param name="port">Port to listen on.</param>
    /// <param name="maxSeriesPerMetric">Label sets kept per metric before the rest are folded into <c>other</c> (default 100).</param>
    public PrometheusOutput(string host, int port, int maxSeriesPerMetric = 100)
    {
        Host = host;
        Port = port;
        _exporter = new PrometheusExporter(maxSeriesPerMetric);
    }

    /// <summary>The bound host.</summary>
    public string Host { get; }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>Parses <c>[HOST]:PORT</c> (e.g. <c>:9464</c>, <c>0.0.0.0:9464</c>); returns null and an error message when it is not one.</summary>
    public static PrometheusOutput? Parse(string target, out string? error)
    {
        ArgumentNullException.ThrowIfNull(target);
        var colon = target.LastIndexOf(':');
        var host = colon <= 0 ? "127.0.0.1" : target[..colon];
        var portText = colon < 0 ? target : target[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"expected [HOST]:PORT such as :9464 or 0.0.0.0:9464, found '{target}'";
            return null;
        }

        error = null;
        return new PrometheusOutput(host, port);
    }

    /// <inheritdoc />
    public void Start(RunInfo run)
    {
        // HttpListener spells "every interface" as '+'.
        var hostname = Host is "0.0.0.0" or "*" or "+" ? "+" : Host;
        _server = new MetricServer(hostname, Port, "metrics/", _exporter.Registry);
        _server.Start();
    }

    /// <inheritdoc />
    public void OnSecond(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            _exporter.Update(snapshot.Metrics);
        }
    }

    /// <inheritdoc />
    public async Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
            _server = null;
        }
    }
}

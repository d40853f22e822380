using System.Globalization;
using System.Text.Json;
using Stampede.Metrics;
using Stampede.Plans.Monitoring;
using Stampede.Protocols;

namespace Stampede.Monitoring.Json;

/// <summary>
/// Reads the target's JSON endpoint on its own timer, off the VUs' path, and records each selected value in its trend
/// (see <see cref="JsonScrapeOptions"/>). A failed read — refused, timed out, not 200, not JSON — is counted in
/// <c>monitor_scrape_errors</c> and logged with the run's errors, as a failed Prometheus scrape is; it never stops the run.
/// </summary>
internal sealed class JsonScraper : IAsyncDisposable
{
    private readonly JsonScrapeOptions _options;
    private readonly TimeProvider _time;
    private readonly ErrorLog _errors;
    private readonly HttpClient _client;
    private readonly List<(JsonPath Path, TrendSeries Series)> _values = [];
    private readonly CounterSeries _scrapeErrors;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public JsonScraper(JsonScrapeOptions options, MetricRegistry registry, TimeProvider time, ErrorLog errors)
    {
        _options = options;
        _time = time;
        _errors = errors;
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        _scrapeErrors = registry.Counter(MonitoringMetrics.ScrapeErrors, TagSet.Empty);
        foreach (var (name, text) in options.Select)
        {
            // The YAML loader reports a bad path with its place; a C# plan's is reported here, once, and skipped.
            if (!JsonPath.TryParse(text, out var path, out var error))
            {
                errors.Record("monitor", new FormatException($"monitor.json.select.{name}: {error}"));
                continue;
            }

            _values.Add((path, registry.Trend(registry.Define(MonitoringMetrics.Scraped(name)), TagSet.Empty)));
        }
    }

    /// <summary>Successful reads so far.</summary>
    public int Reads { get; private set; }

    /// <summary>Reads now, then every <see cref="JsonScrapeOptions.Every"/> until disposed.</summary>
    public void Start() => _loop = PeriodicRead.RunAsync(_options.Every, _time, ReadOnceAsync, _stop.Token);

    /// <summary>One read: fetch, parse, record. Returns false (and counts the error) when it failed.</summary>
    public async Task<bool> ReadOnceAsync(CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            using var response = await _client.GetAsync(_options.Url, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"read of {_options.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            document = JsonDocument.Parse(bytes);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _scrapeErrors.Add();
            _errors.Record("monitor", exception switch
            {
                OperationCanceledException => new TimeoutException($"read of {_options.Url} took longer than {Plans.Duration.Format(_options.Timeout)}"),
                JsonException => new FormatException($"{_options.Url} did not answer JSON: {exception.Message}"),
                _ => exception,
            });
            return false;
        }

        using (document)
        {
            foreach (var (path, series) in _values)
            {
                if (path.TryGet(document.RootElement, out var element) && Number(element) is { } value)
                {
                    series.Record(value);
                }
            }
        }

        Reads++;
        return true;
    }

    private static double? Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) => parsed,
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _client.Dispose();
        _stop.Dispose();
    }
}

using Stampede.Metrics;
using Stampede.Plans.Monitoring;

namespace Stampede.Monitoring.Prometheus;

/// <summary>
/// Scrapes the target's Prometheus endpoint on its own timer, off the VUs' path, and records the selected series
/// (see <see cref="PrometheusScrapeOptions"/>). A failed scrape — refused, timed out, not 200 — is counted in
/// <c>monitor_scrape_errors</c> and logged with the run's errors; it never stops the run.
/// </summary>
internal sealed class PrometheusScraper : IAsyncDisposable
{
    private readonly PrometheusScrapeOptions _options;
    private readonly MetricRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ErrorLog _errors;
    private readonly HttpClient _client;
    private readonly HashSet<string> _select;
    private readonly CounterSeries _scrapeErrors;
    private readonly Dictionary<(string Name, TagSet Tags), (double Value, long At)> _previous = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public PrometheusScraper(PrometheusScrapeOptions options, MetricRegistry registry, TimeProvider time, ErrorLog errors)
    {
        _options = options;
        _registry = registry;
        _time = time;
        _errors = errors;
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        _select = new HashSet<string>(options.Select, StringComparer.Ordinal);
        _scrapeErrors = registry.Counter(MonitoringMetrics.ScrapeErrors, TagSet.Empty);
    }

    /// <summary>Successful scrapes so far.</summary>
    public int Scrapes { get; private set; }

    /// <summary>Scrapes now, then every <see cref="PrometheusScrapeOptions.Every"/> until disposed.</summary>
    public void Start() => _loop = PeriodicRead.RunAsync(_options.Every, _time, ScrapeOnceAsync, _stop.Token);

    /// <summary>One scrape: fetch, parse, record. Returns false (and counts the error) when it failed.</summary>
    public async Task<bool> ScrapeOnceAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            using var response = await _client.GetAsync(_options.Url, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"scrape of {_options.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _scrapeErrors.Add();
            _errors.Record("monitor", exception is OperationCanceledException
                ? new TimeoutException($"scrape of {_options.Url} took longer than {Plans.Duration.Format(_options.Timeout)}")
                : exception);
            return false;
        }

        Record(PrometheusTextParser.Parse(text), _time.GetTimestamp());
        Scrapes++;
        return true;
    }

    private void Record(PrometheusExposition page, long now)
    {
        foreach (var sample in page.Samples)
        {
            if (_select.Count > 0 && !_select.Contains(sample.Name) && !_select.Contains(page.FamilyOf(sample.Name)))
            {
                continue;
            }

            if (double.IsNaN(sample.Value) || double.IsInfinity(sample.Value) || !Metric.IsValidName(sample.Name.Replace(':', '_')))
            {
                continue;
            }

            var tags = TagSet.From(sample.Labels);
            if (!page.IsCumulative(sample.Name))
            {
                Series(sample.Name, tags)?.Record(sample.Value);
                continue;
            }

            var key = (sample.Name, tags);
            if (_previous.TryGetValue(key, out var previous))
            {
                var seconds = _time.GetElapsedTime(previous.At, now).TotalSeconds;
                if (seconds > 0)
                {
                    // A value below the last one means the target restarted and its counter began again from zero.
                    var increase = sample.Value >= previous.Value ? sample.Value - previous.Value : sample.Value;
                    Series(sample.Name, tags)?.Record(increase / seconds);
                }
            }

            _previous[key] = (sample.Value, now);
        }
    }

    private TrendSeries? Series(string name, TagSet tags)
    {
        try
        {
            return _registry.Trend(_registry.Define(MonitoringMetrics.Scraped(name)), tags);
        }
        catch (InvalidOperationException)
        {
            return null;   // the name belongs to one of Stampede's own metrics of another kind: skip rather than mix them
        }
    }

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

using System.Globalization;
using System.Text.Json;

namespace Stampede.Reports.Tests.Support;

/// <summary>Instant queries and target state from a real Prometheus' HTTP API.</summary>
internal sealed class PrometheusApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The instant vector <paramref name="query"/> evaluates to now; throws with Prometheus' answer when the query is refused.</summary>
    public async Task<List<PrometheusSample>> QueryAsync(string query)
    {
        var json = await _client.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused {query}: {json}");
        }

        return [.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => new PrometheusSample(
            r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>Waits until every target was scraped (successfully) at or after <paramref name="since"/>, so what was pushed before it is stored.</summary>
    public async Task WaitForScrapeAfterAsync(DateTimeOffset since, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var document = JsonDocument.Parse(await _client.GetStringAsync("api/v1/targets"));
            var targets = document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().ToList();
            if (targets.Count > 0 && targets.All(t => t.GetProperty("health").GetString() == "up"
                && DateTimeOffset.Parse(t.GetProperty("lastScrape").GetString()!, CultureInfo.InvariantCulture) >= since))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Prometheus did not scrape its targets after {since:O}");
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>One series of an instant vector: its labels and value.</summary>
internal sealed record PrometheusSample(Dictionary<string, string> Labels, double Value);

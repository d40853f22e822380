using System.Globalization;
using System.Text.Json;
using Shouldly;
using Stampede.Outputs;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.Reports.Tests.Outputs;

/// <summary>Debian's real Pushgateway receives a run's pushes.</summary>
public sealed class PushgatewayOutputTests
{
    [Fact]
    public async Task EndAsync_RealPushgateway_HoldsTheRunsFinalTotals()
    {
        await using var gateway = await ServerProcess.StartAsync("prometheus-pushgateway", (folder, port) =>
            [$"--web.listen-address=127.0.0.1:{port}", $"--persistence.file={Path.Combine(folder, "pushgateway.data")}"], "-/ready");

        var result = await SampleRun.RunAsync("2s", [new PushgatewayOutput(gateway.BaseAddress, TimeSpan.FromMilliseconds(500), instance: "ci-run")]);

        using var client = new HttpClient();
        var json = await client.GetStringAsync(new Uri(gateway.BaseAddress, "api/v1/metrics"), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(json);
        var group = document.RootElement.GetProperty("data").EnumerateArray()
            .Single(g => g.GetProperty("labels").GetProperty("job").GetString() == "stampede");
        group.GetProperty("labels").GetProperty("instance").GetString().ShouldBe("ci-run");
        Sum(group, "stampede_http_reqs_total").ShouldBe(result.Metric("http_reqs")!.Values.Count!.Value);
        Sum(group, "stampede_iterations_total").ShouldBe(result.Metric("iterations")!.Values.Count!.Value);
        group.TryGetProperty("stampede_http_req_duration_seconds", out var histogram).ShouldBeTrue();
        histogram.GetProperty("type").GetString().ShouldBe("HISTOGRAM");
    }

    private static double Sum(JsonElement group, string metric) =>
        group.GetProperty(metric).GetProperty("metrics").EnumerateArray()
            .Sum(m => double.Parse(m.GetProperty("value").GetString()!, CultureInfo.InvariantCulture));
}

using System.Globalization;
using System.Text;
using Shouldly;
using Stampede.Metrics;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Reports.Tests.Outputs;

/// <summary>What the exporter makes of a registry's series, read back from its text exposition.</summary>
public sealed class PrometheusExporterTests
{
    private static readonly Metric Requests = new("http_reqs", MetricKind.Counter);

    [Fact]
    public async Task Update_TenantAndUserTags_BecomeLabels()
    {
        var registry = new MetricRegistry();
        registry.Counter(Requests, TagSet.Of(("name", "/a"), ("tenant", "org-2"), ("user", "org-2/user-1"))).Add(3);
        var exporter = new PrometheusExporter();

        exporter.Update(registry);

        var lines = await ExpositionAsync(exporter, "stampede_http_reqs_total{");
        lines.ShouldHaveSingleItem().ShouldContain("tenant=\"org-2\"");
        lines[0].ShouldContain("user=\"org-2/user-1\"");
        lines[0].ShouldEndWith(" 3");
    }

    [Fact]
    public async Task Update_PastTheCapOnLabelSets_AddsTheRestUpUnderOtherKeepingEachTenant()
    {
        var registry = new MetricRegistry();
        registry.Counter(Requests, TagSet.Of(("name", "/a"), ("tenant", "org-1"))).Add(1);
        registry.Counter(Requests, TagSet.Of(("name", "/b"), ("tenant", "org-1"))).Add(2);
        registry.Counter(Requests, TagSet.Of(("name", "/c"), ("tenant", "org-1"))).Add(4);
        registry.Counter(Requests, TagSet.Of(("name", "/d"), ("tenant", "org-2"))).Add(8);
        registry.Counter(Requests, TagSet.Of(("name", "/e"), ("tenant", "org-2"))).Add(16);
        var exporter = new PrometheusExporter(maxSeriesPerMetric: 2);

        exporter.Update(registry);
        exporter.Update(registry);

        // Which two label sets are kept depends on the registry's order; what each tenant adds up to does not.
        var lines = await ExpositionAsync(exporter, "stampede_http_reqs_total{");
        lines.Count.ShouldBeInRange(3, 4);
        lines.Count(l => l.Contains("name=\"other\"", StringComparison.Ordinal)).ShouldBe(lines.Count - 2);
        Total(lines, "tenant=\"org-1\"").ShouldBe(7);
        Total(lines, "tenant=\"org-2\"").ShouldBe(24);
    }

    private static double Total(List<string> lines, string label) => lines
        .Where(l => l.Contains(label, StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static async Task<List<string>> ExpositionAsync(PrometheusExporter exporter, string prefix)
    {
        using var text = new MemoryStream();
        await exporter.Registry.CollectAndExportAsTextAsync(text, TestContext.Current.CancellationToken);
        return [.. Encoding.UTF8.GetString(text.ToArray()).Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
    }
}

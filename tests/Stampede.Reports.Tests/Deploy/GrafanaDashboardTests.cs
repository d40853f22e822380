using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shouldly;
using Stampede.Metrics;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Reports.Tests.Deploy;

/// <summary>The Grafana dashboards under deploy/grafana/ query only names a real run exports, in valid PromQL.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "deploy", "grafana");

    [Fact]
    public async Task Dashboards_EveryQuery_NamesAMetricARealRunExports()
    {
        var capture = new RegistryCapture();
        await SampleRun.RunAsync("1500ms", [capture]);
        var exporter = new PrometheusExporter();
        exporter.Update(capture.Registry!);
        using var text = new MemoryStream();
        await exporter.Registry.CollectAndExportAsTextAsync(text, TestContext.Current.CancellationToken);
        var exported = Encoding.UTF8.GetString(text.ToArray()).Split('\n')
            .Where(line => line.StartsWith("stampede_", StringComparison.Ordinal))
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);

        var queries = Queries().ToList();
        queries.Select(q => q.Dashboard).Distinct().Count().ShouldBe(5);
        queries.Count.ShouldBeGreaterThan(20);
        foreach (var (dashboard, expr) in queries)
        {
            var names = MetricName().Matches(expr).Select(m => m.Value).ToList();
            names.ShouldNotBeEmpty($"{dashboard}: {expr}");
            foreach (var name in names)
            {
                exported.ShouldContain(name, $"{dashboard} queries {name}, which a run does not export");
            }
        }
    }

    [Fact]
    public async Task Dashboards_EveryQuery_IsValidPromQl()
    {
        // promtool checks PromQL offline when the queries are written as recording rules.
        var rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        var index = 0;
        foreach (var (_, expr) in Queries())
        {
            var concrete = expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal)
                .Replace("$scenario", ".*", StringComparison.Ordinal)
                .Replace("$tenant", ".*", StringComparison.Ordinal)
                .Replace("$__range", "1h", StringComparison.Ordinal)
                .Replace("$usd_per_1k_tokens", "0.002", StringComparison.Ordinal);
            rules.Append($"      - record: dashboard_query_{index++}\n        expr: {JsonSerializer.Serialize(concrete)}\n");
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("stampede-promql-").FullName, "rules.yml");
        await File.WriteAllTextAsync(file, rules.ToString(), TestContext.Current.CancellationToken);
        using var promtool = Process.Start(new ProcessStartInfo("promtool", ["check", "rules", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await promtool.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) + await promtool.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await promtool.WaitForExitAsync(TestContext.Current.CancellationToken);

        promtool.ExitCode.ShouldBe(0, output);
        output.ShouldContain($"{index} rules found");
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    private static IEnumerable<(string Dashboard, string Expr)> Queries()
    {
        foreach (var path in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    yield return (Path.GetFileName(path), target.GetProperty("expr").GetString()!);
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Stampede.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Stampede.sln not found above the test binaries");
    }

    [GeneratedRegex("stampede_[a-z0-9_]+")]
    private static partial Regex MetricName();

    private sealed class RegistryCapture : IOutput
    {
        public MetricRegistry? Registry { get; private set; }

        public void Start(RunInfo run)
        {
        }

        public void OnSecond(LiveSnapshot snapshot) => Registry = snapshot.Metrics;

        public Task EndAsync(RunResult result, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

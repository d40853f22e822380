using System.Text.Json.Nodes;
using Stampede.Cli;
using Stampede.DemoTarget;

namespace Stampede.K6.Tests;

/// <summary>How a k6 script's test ends: <c>handleSummary</c>, k6's default text summary and <c>--summary-export</c>.</summary>
public sealed class EndOfTestTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-k6-end-").FullName;
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "k6-compat", name);

    private async Task<(int Exit, string Out, string Error)> RunAsync(string script, params string[] extra)
    {
        var host = new TestConsoleHost();
        string[] args = ["run", script, "-e", $"BASE_URL={_target.BaseAddress.ToString().TrimEnd('/')}", "-e", $"OUT_DIR={_folder}", "--no-history", "--quiet", .. extra];
        var exit = await StampedeCli.RunAsync(args, host);
        return (exit, host.Output, host.Errors);
    }

    [Fact]
    public async Task HandleSummary_WritesItsStdoutStderrAndFiles_FromK6sDataShape()
    {
        var (exit, output, error) = await RunAsync(Corpus("handle-summary.js"));

        exit.ShouldBe(ExitCodes.Ok, error);
        error.ShouldContain("requests=4 setup=from-setup");
        var data = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "summary.json")))!.AsObject();
        data["metrics"]!["http_reqs"]!["type"]!.GetValue<string>().ShouldBe("counter");
        data["metrics"]!["http_reqs"]!["values"]!["count"]!.GetValue<double>().ShouldBe(4);
        data["metrics"]!["iterations"]!["values"]!["count"]!.GetValue<double>().ShouldBe(4);
        var submetric = data["metrics"]!["http_req_duration{name:health}"]!.AsObject();
        submetric["thresholds"]!["p(99)<5000"]!["ok"]!.GetValue<bool>().ShouldBeTrue();
        submetric["values"]!.AsObject().Select(p => p.Key).ShouldBe(["avg", "p(99)", "count"], ignoreOrder: true);
        submetric["values"]!["count"]!.GetValue<double>().ShouldBe(4);
        data["root_group"]!["checks"]!.AsArray().Single()!["passes"]!.GetValue<double>().ShouldBe(4);
        data["setup_data"]!["token"]!.GetValue<string>().ShouldBe("from-setup");

        // The jslib's textSummary, with the script's indent and no colours: k6's layout, not Stampede's.
        output.ShouldContain("→    ✓ health is 200");
        output.ShouldMatch(@"→\s+http_reqs\.+: 4\s");
        output.ShouldContain("p(99)=");
        output.ShouldNotContain("\u001b[");
        output.ShouldNotContain("THRESHOLDS");
    }

    [Fact]
    public async Task WithoutHandleSummary_PrintsK6sTextSummary()
    {
        var (exit, output, error) = await RunAsync(Corpus("api-groups.js"));

        exit.ShouldBe(ExitCodes.Ok, error);
        output.ShouldContain("█ missions");
        output.ShouldMatch(@"✓ created 201");
        output.ShouldMatch(@"http_req_duration\.+: avg=\S+ +min=\S+ +med=\S+ +max=\S+ +p\(90\)=\S+ +p\(95\)=\S+");
        output.ShouldMatch(@"http_reqs\.+: 16\s");
        output.ShouldMatch(@"✓ http_req_failed\.+: 0\.00% +0 out of 16");
        output.ShouldMatch(@"✓ \{ type:hz \}\.+: 100\.00%");
    }

    [Fact]
    public async Task NoSummary_CallsNeitherHandleSummaryNorTheDefault()
    {
        var (exit, output, error) = await RunAsync(Corpus("handle-summary.js"), "--no-summary");

        exit.ShouldBe(ExitCodes.Ok, error);
        File.Exists(Path.Combine(_folder, "summary.json")).ShouldBeFalse();
        output.ShouldNotContain("http_reqs");
    }

    [Fact]
    public async Task ThrowingHandleSummary_IsReportedAndTheDefaultSummaryPrinted()
    {
        var (exit, output, error) = await RunAsync(Corpus("handle-summary-throws.js"));

        exit.ShouldBe(ExitCodes.Ok);
        error.ShouldContain("handleSummary() failed: no summary today");
        error.ShouldContain("handle-summary-throws.js:11");
        output.ShouldMatch(@"http_reqs\.+: 2\s");
    }

    [Fact]
    public async Task SummaryExport_WritesK6sFlatJson_ForCiScripts()
    {
        var export = Path.Combine(_folder, "nested", "export.json");

        var (exit, _, error) = await RunAsync(Corpus("handle-summary.js"), "--summary-export", export);

        exit.ShouldBe(ExitCodes.Ok, error);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(export))!.AsObject();
        json["metrics"]!["http_reqs"]!["count"]!.GetValue<double>().ShouldBe(4);
        json["metrics"]!["checks"]!["value"]!.GetValue<double>().ShouldBe(1);
        json["metrics"]!["http_req_duration{name:health}"]!["thresholds"]!["p(99)<5000"]!.GetValue<bool>().ShouldBeFalse();
        json["root_group"]!["checks"]!["health is 200"]!["passes"]!.GetValue<double>().ShouldBe(4);
    }
}

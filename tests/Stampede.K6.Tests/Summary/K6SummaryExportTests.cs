using System.Text.Json.Nodes;
using Stampede.K6.Summary;

namespace Stampede.K6.Tests.Summary;

public sealed class K6SummaryExportTests
{
    private static JsonObject Export(JsonObject data) => JsonNode.Parse(K6SummaryExport.From(data))!.AsObject();

    [Fact]
    public void The_export_holds_the_groups_and_metrics_without_options_or_state()
    {
        var export = Export(SummaryDataSample.Data);

        export.Select(p => p.Key).ShouldBe(["root_group", "metrics"]);
    }

    [Fact]
    public void Each_metric_is_its_values_flattened()
    {
        var metrics = Export(SummaryDataSample.Data)["metrics"]!;

        metrics["http_reqs"]!.AsObject().Select(p => p.Key).ShouldBe(["count", "rate"]);
        ((double)metrics["http_reqs"]!["count"]!).ShouldBe(10);
        metrics["vus"]!.AsObject().Select(p => p.Key).ShouldBe(["value", "min", "max"]);
        ((double)metrics["http_req_duration"]!["p(95)"]!).ShouldBe(65000);
        metrics["http_req_duration"]!.AsObject().ContainsKey("type").ShouldBeFalse();
    }

    [Fact]
    public void A_rates_share_is_written_as_value()
    {
        var checks = Export(SummaryDataSample.Data)["metrics"]!["checks"]!.AsObject();

        checks.Select(p => p.Key).ShouldBe(["passes", "fails", "value"]);
        ((double)checks["value"]!).ShouldBe(0.923);
    }

    [Fact]
    public void A_threshold_is_true_when_it_failed()
    {
        var thresholds = Export(SummaryDataSample.Data)["metrics"]!["http_req_duration"]!["thresholds"]!;

        ((bool)thresholds["p(95)<500"]!).ShouldBeTrue();
        ((bool)thresholds["avg<100"]!).ShouldBeFalse();
        Export(SummaryDataSample.Data)["metrics"]!["vus"]!.AsObject().ContainsKey("thresholds").ShouldBeFalse();
    }

    [Fact]
    public void Groups_and_checks_are_keyed_by_name()
    {
        var root = Export(SummaryDataSample.Data)["root_group"]!;

        ((long)root["checks"]!["home ok"]!["passes"]!).ShouldBe(3);
        ((string?)root["groups"]!["api"]!["path"]).ShouldBe("::api");
        ((long)root["groups"]!["api"]!["checks"]!["is 200"]!["fails"]!).ShouldBe(1);
        root["groups"]!["api"]!["groups"]!.AsObject().Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_real_runs_export_keeps_setup_data_and_is_indented_by_four_spaces_with_text_unescaped()
    {
        var data = K6SummaryData.From(await SummaryRun.Result, setupDataJson: """{"who":"µ<ser>"}""");

        var text = K6SummaryExport.From(data);

        text.ShouldStartWith("{\n    \"root_group\": {\n        \"name\": \"\",");
        text.ShouldContain("\"who\": \"µ<ser>\"");
        var export = JsonNode.Parse(text)!;
        ((double)export["metrics"]!["good"]!["value"]!).ShouldBe(0.8);
        ((bool)export["metrics"]!["good"]!["thresholds"]!["rate>0.9"]!).ShouldBeTrue();
        ((double)export["metrics"]!["wait_time{kind:slow}"]!["max"]!).ShouldBe(100);
        ((long)export["root_group"]!["groups"]!["shop"]!["groups"]!["cart"]!["checks"]!["cart ok"]!["fails"]!).ShouldBe(2);
    }
}

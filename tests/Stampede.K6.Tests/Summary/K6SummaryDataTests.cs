using System.Text.Json.Nodes;
using Stampede.K6.Summary;
using Stampede.Metrics;

namespace Stampede.K6.Tests.Summary;

public sealed class K6SummaryDataTests
{
    // Through its JSON text, as a script receives it, which also shows the tree serialises.
    private static async Task<JsonObject> Data(IReadOnlyList<string>? stats = null, string? setup = null) =>
        JsonNode.Parse(K6SummaryData.From(await SummaryRun.Result, stats, setup).ToJsonString())!.AsObject();

    private static JsonObject Metric(JsonObject data, string name) => data["metrics"]![name]!.AsObject();

    private static double Value(JsonObject data, string metric, string value) => (double)data["metrics"]![metric]!["values"]![value]!;

    [Fact]
    public async Task Checks_sit_in_their_groups_nested_by_path_with_k6s_ids()
    {
        var root = (await Data())["root_group"]!.AsObject();

        ((string?)root["name"]).ShouldBe("");
        ((string?)root["path"]).ShouldBe("");
        ((string?)root["id"]).ShouldBe("d41d8cd98f00b204e9800998ecf8427e"); // MD5 of the path, as k6 makes ids
        var rootCheck = root["checks"]!.AsArray().Single()!;
        ((string?)rootCheck["name"]).ShouldBe("status is 200");
        ((string?)rootCheck["path"]).ShouldBe("::status is 200");
        ((string?)rootCheck["id"]).ShouldBe("6210a8cd14cd70477eba5c5e4cb3fb5f");
        ((long)rootCheck["passes"]!).ShouldBe(10);
        ((long)rootCheck["fails"]!).ShouldBe(0);

        var shop = root["groups"]!.AsArray().Single()!;
        ((string?)shop["name"]).ShouldBe("shop");
        ((string?)shop["path"]).ShouldBe("::shop");
        ((string?)shop["id"]).ShouldBe("2dcefeabd7332e4b7fedeecb08f57de6");
        ((string?)shop["checks"]![0]!["path"]).ShouldBe("::shop::has items");

        var cart = shop["groups"]!.AsArray().Single()!;
        ((string?)cart["path"]).ShouldBe("::shop::cart");
        cart["groups"]!.AsArray().ShouldBeEmpty();
        var cartCheck = cart["checks"]!.AsArray().Single()!;
        ((string?)cartCheck["path"]).ShouldBe("::shop::cart::cart ok");
        ((long)cartCheck["passes"]!).ShouldBe(8);
        ((long)cartCheck["fails"]!).ShouldBe(2);
    }

    [Fact]
    public async Task A_counter_has_its_count_and_a_rate_per_second_of_the_run()
    {
        var result = await SummaryRun.Result;
        var data = await Data();

        ((string?)Metric(data, "items")["type"]).ShouldBe("counter");
        ((string?)Metric(data, "items")["contains"]).ShouldBe("default");
        Value(data, "items", "count").ShouldBe(20);
        Value(data, "items", "rate").ShouldBe(20 / result.Meta.DurationSeconds, 1e-9);
        Value(data, "iterations", "count").ShouldBe(10);
        ((string?)Metric(data, "data_received")["contains"]).ShouldBe("data");
    }

    [Fact]
    public async Task A_gauge_has_its_last_value_min_and_max()
    {
        var data = await Data();

        ((string?)Metric(data, "level")["type"]).ShouldBe("gauge");
        Metric(data, "level")["values"]!.AsObject().Select(v => v.Key).ShouldBe(["value", "min", "max"]);
        Value(data, "level", "value").ShouldBe(10);
        Value(data, "level", "min").ShouldBe(1);
        Value(data, "level", "max").ShouldBe(10);
    }

    [Fact]
    public async Task A_rate_has_its_share_passes_and_fails()
    {
        var data = await Data();

        ((string?)Metric(data, "good")["type"]).ShouldBe("rate");
        Value(data, "good", "rate").ShouldBe(0.8);
        Value(data, "good", "passes").ShouldBe(8);
        Value(data, "good", "fails").ShouldBe(2);
        Value(data, "checks", "passes").ShouldBe(28);
        Value(data, "checks", "fails").ShouldBe(2);
    }

    [Fact]
    public async Task A_trend_has_k6s_default_stats_in_milliseconds()
    {
        var data = await Data();

        ((string?)Metric(data, "wait_time")["contains"]).ShouldBe("time");
        Metric(data, "wait_time")["values"]!.AsObject().Select(v => v.Key).ShouldBe(["avg", "min", "med", "max", "p(90)", "p(95)"]);
        Value(data, "wait_time", "avg").ShouldBe(55, 1e-9);
        Value(data, "wait_time", "min").ShouldBe(10);
        Value(data, "wait_time", "max").ShouldBe(100);
        Value(data, "wait_time", "med").ShouldBe(50, 0.1);
        Value(data, "wait_time", "p(90)").ShouldBe(90, 0.1);
        Value(data, "wait_time", "p(95)").ShouldBe(100, 0.1);
        Value(data, "http_req_duration", "max").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_trend_has_the_stats_asked_for_in_their_order_including_other_percentiles_and_count()
    {
        var data = await Data(["count", "p(99.9)", "p(10)", "max"]);

        Metric(data, "wait_time")["values"]!.AsObject().Select(v => v.Key).ShouldBe(["count", "p(99.9)", "p(10)", "max"]);
        Value(data, "wait_time", "count").ShouldBe(10);
        Value(data, "wait_time", "p(99.9)").ShouldBe(100, 0.1);
        Value(data, "wait_time", "p(10)").ShouldBe(10, 0.1);
        Value(data, "wait_time{kind:slow}", "p(10)").ShouldBe(60, 0.1);
        data["options"]!["summaryTrendStats"]!.AsArray().Select(s => (string?)s).ShouldBe(["count", "p(99.9)", "p(10)", "max"]);
    }

    [Fact]
    public async Task A_submetric_a_threshold_names_has_the_values_of_its_series()
    {
        var data = await Data();

        ((string?)Metric(data, "wait_time{kind:slow}")["type"]).ShouldBe("trend");
        Value(data, "wait_time{kind:slow}", "avg").ShouldBe(80, 1e-9);
        Value(data, "wait_time{kind:slow}", "min").ShouldBe(60);
        Value(data, "wait_time{kind:slow}", "max").ShouldBe(100);
        Value(data, "http_req_duration{expected_response:true}", "max").ShouldBe(Value(data, "http_req_duration", "max"));
        data["metrics"]!.AsObject().ContainsKey("wait_time{kind:fast}").ShouldBeFalse();
    }

    [Fact]
    public async Task Thresholds_are_ok_unless_they_failed()
    {
        var data = await Data();

        var wait = Metric(data, "wait_time")["thresholds"]!.AsObject();
        wait.Select(t => t.Key).ShouldBe(["p(95)<1000", "avg<10"]);
        ((bool)wait["p(95)<1000"]!["ok"]!).ShouldBeTrue();
        ((bool)wait["avg<10"]!["ok"]!).ShouldBeFalse();
        ((bool)Metric(data, "good")["thresholds"]!["rate>0.9"]!["ok"]!).ShouldBeFalse();
        ((bool)Metric(data, "items")["thresholds"]!["count>=20"]!["ok"]!).ShouldBeTrue();
        ((bool)Metric(data, "wait_time{kind:slow}")["thresholds"]!["max<200"]!["ok"]!).ShouldBeTrue();
        Metric(data, "level").ContainsKey("thresholds").ShouldBeFalse();
    }

    [Fact]
    public async Task Options_and_state_say_how_the_summary_is_shown_and_how_long_the_run_took()
    {
        var result = await SummaryRun.Result;
        var data = K6SummaryData.From(result, noColor: true, isStdOutTty: true);

        ((string?)data["options"]!["summaryTimeUnit"]).ShouldBe("");
        ((bool)data["options"]!["noColor"]!).ShouldBeTrue();
        data["options"]!["summaryTrendStats"]!.AsArray().Count.ShouldBe(6);
        ((bool)data["state"]!["isStdOutTTY"]!).ShouldBeTrue();
        ((bool)data["state"]!["isStdErrTTY"]!).ShouldBeFalse();
        ((double)data["state"]!["testRunDurationMs"]!).ShouldBe(result.Meta.DurationSeconds * 1000);
    }

    [Fact]
    public async Task Setup_data_is_the_parsed_json_and_absent_without_setup()
    {
        var with = await Data(setup: """{"token":"abc","n":[1,2]}""");
        var without = await Data();

        ((string?)with["setup_data"]!["token"]).ShouldBe("abc");
        ((int)with["setup_data"]!["n"]![1]!).ShouldBe(2);
        without.ContainsKey("setup_data").ShouldBeFalse();
    }

    [Fact]
    public async Task A_threshold_on_a_metric_without_samples_keeps_a_builtin_with_zero_values_and_skips_an_unknown_one()
    {
        var result = await SummaryRun.Result with
        {
            Thresholds =
            [
                new ThresholdResult { Metric = "http_req_failed{status:599}", Expression = "rate<0.01", Outcome = ThresholdOutcomeNames.NoData },
                new ThresholdResult { Metric = "never_recorded", Expression = "count>0", Outcome = ThresholdOutcomeNames.NoData },
            ],
        };

        var data = K6SummaryData.From(result);

        var missing = data["metrics"]!["http_req_failed{status:599}"]!;
        ((string?)missing["type"]).ShouldBe("rate");
        ((double)missing["values"]!["rate"]!).ShouldBe(0);
        ((bool)missing["thresholds"]!["rate<0.01"]!["ok"]!).ShouldBeTrue();
        data["metrics"]!.AsObject().ContainsKey("never_recorded").ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_trend_stat_is_refused()
    {
        var result = await SummaryRun.Result;

        Should.Throw<ArgumentException>(() => K6SummaryData.From(result, ["p(101)"])).Message.ShouldContain("p(101)");
        Should.Throw<ArgumentException>(() => K6SummaryData.From(result, ["mean"]));
    }
}

using Stampede.K6.Summary;

namespace Stampede.K6.Tests.Summary;

public sealed class TextSummaryTests
{
    private static string Plain(TextSummaryOptions? options = null) =>
        TextSummary.Render(SummaryDataSample.Data, (options ?? new TextSummaryOptions()) with { EnableColors = false });

    [Fact]
    public void Checks_come_first_by_group_with_marks_and_the_failing_share()
    {
        var lines = Plain().Split('\n');

        lines[..9].ShouldBe(
        [
            "     ✓ home ok",
            "",
            "     █ api",
            "",
            "       ✗ is 200",
            "        ↳  90% — ✓ 9 / ✗ 1",
            "",
            lines[7],
            lines[8],
        ]);
    }

    [Fact]
    public void Metrics_are_sorted_by_name_with_submetrics_under_their_metric_dotted_leaders_and_aligned_columns()
    {
        var metrics = Plain().Split('\n')[7..];

        metrics.ShouldBe(
        [
            "     checks.........................: 92.30% 12 out of 13",
            "     data_received..................: 1.5 kB 500 B/s",
            "   ✗ http_req_duration..............: avg=12.34ms min=500µs med=10ms max=1.5s p(90)=20ms p(95)=1m5s",
            "     ✓ { expected_response:true }...: avg=1ms     min=1ms   med=1ms  max=1ms  p(90)=1ms  p(95)=1ms ",
            "     http_reqs......................: 10     3.333333/s",
            "     vus............................: 2      min=1        max=2",
        ]);
    }

    [Fact]
    public void The_indent_goes_before_every_line_and_a_time_unit_fixes_durations_to_two_decimals()
    {
        var text = Plain(new TextSummaryOptions(Indent: "  ", SummaryTimeUnit: "ms"));

        text.ShouldStartWith("      ✓ home ok\n");
        text.ShouldContain("avg=12.35ms min=0.50ms med=10.00ms max=1500.00ms p(90)=20.00ms p(95)=65000.00ms");
    }

    [Fact]
    public void Trend_columns_follow_the_stats_asked_for()
    {
        var text = Plain(new TextSummaryOptions(SummaryTrendStats: ["max", "avg"]));

        text.ShouldContain("http_req_duration..............: max=1.5s avg=12.34ms");
    }

    [Fact]
    public void Colours_mark_checks_thresholds_and_values_without_moving_the_columns()
    {
        var text = TextSummary.Render(SummaryDataSample.Data, new TextSummaryOptions(EnableColors: true));

        text.ShouldContain("\u001b[32m     ✓ home ok\u001b[0m");
        text.ShouldContain("\u001b[31m✗\u001b[0m http_req_duration\u001b[2m..............:\u001b[0m avg=\u001b[36m12.34ms\u001b[0m ");
        text.ShouldContain("\u001b[36m92.30%\u001b[0m \u001b[36;2m12 out of 13\u001b[0m");
        text.ShouldContain("\u001b[36m2\u001b[0m      \u001b[36;2mmin=1\u001b[0m        \u001b[36;2mmax=2\u001b[0m");
    }

    [Fact]
    public void Colours_are_on_unless_turned_off_as_in_the_jslib()
    {
        TextSummary.Render(SummaryDataSample.Data).ShouldContain("\u001b[");
    }

    [Fact]
    public void Width_counts_what_a_terminal_shows()
    {
        TextSummary.Width("\u001b[36;2m12µs\u001b[0m").ShouldBe(4);
        TextSummary.Width("✓ █ ↳").ShouldBe(5);
    }

    [Fact]
    public async Task A_real_runs_summary_shows_its_checks_metrics_and_threshold_marks()
    {
        var data = K6SummaryData.From(await SummaryRun.Result);

        var text = TextSummary.Render(data, new TextSummaryOptions(EnableColors: false));

        text.ShouldContain("     ✓ status is 200\n\n     █ shop\n\n       ✓ has items\n\n       █ cart\n\n         ✗ cart ok\n          ↳  80% — ✓ 8 / ✗ 2\n");
        text.ShouldContain("   ✗ wait_time");
        text.ShouldContain("     ✓ { kind:slow }");
        text.ShouldContain("   ✓ items");
        text.ShouldContain(": 20 ");
        text.ShouldContain("   ✗ good");
        text.ShouldContain(": 80.00% 8 out of 10");
        text.ShouldMatch(@"wait_time\.+: avg=55ms +min=10ms +med=50(\.\d+)?ms +max=100ms +p\(90\)=90(\.\d+)?ms +p\(95\)=100(\.\d+)?ms");
    }
}

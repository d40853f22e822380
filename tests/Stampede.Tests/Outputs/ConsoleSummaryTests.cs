using Shouldly;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Tests.Outputs;

public sealed class ConsoleSummaryTests
{
    [Fact]
    public void Render_ArrivalsDropped_WarnsFirstAndBesideTheLatencies()
    {
        var text = new ConsoleSummary().Render(OutputRuns.WithDrops());

        var warning = text.IndexOf("  Warning: 120 of 400 arrivals (30.00%) were dropped", StringComparison.Ordinal);
        warning.ShouldBeGreaterThanOrEqualTo(0);
        warning.ShouldBeLessThan(text.IndexOf("THRESHOLDS", StringComparison.Ordinal));
        text.ShouldContain("The latency percentiles exclude them");
        text.ShouldContain("    checkout: 120 of 400 arrivals dropped (30.00%)");
        // Under the HTTP heading, before its latencies.
        var http = text.IndexOf("    HTTP\n", StringComparison.Ordinal) is var lf and >= 0 ? lf : text.IndexOf("    HTTP\r\n", StringComparison.Ordinal);
        http.ShouldBeGreaterThan(0);
        var reminder = text.IndexOf("(120 of 400 arrivals dropped (30.00%); the latency figures exclude them: see the warning above)", http, StringComparison.Ordinal);
        reminder.ShouldBeGreaterThan(http);
        reminder.ShouldBeLessThan(text.IndexOf("http_req_duration", http, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_NothingDropped_HasNoWarning()
    {
        var text = new ConsoleSummary().Render(OutputRuns.WithoutDrops());

        text.ShouldNotContain("dropped:");
        text.ShouldNotContain("arrivals dropped");
        text.ShouldContain("checkout (constant-arrival-rate): 400 iterations");
    }
}

using Shouldly;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Tests.Outputs;

public sealed class MarkdownSummaryOutputTests
{
    [Fact]
    public void Render_FailedThreshold_LeadsWithTheVerdictAndListsEachThreshold()
    {
        var markdown = MarkdownSummaryOutput.Render(OutputRuns.Synthetic());

        markdown.ShouldStartWith("## ❌ Stampede: checkout failed");
        markdown.ShouldContain("1 of 3 thresholds passed");
        markdown.ShouldContain("| ❌ | `http_req_duration` | `p(95)<500` | 612.5ms |");
        markdown.ShouldContain("| ➖ | `ws_msgs{room:x}` | `count>1` | no data |");
        markdown.ShouldContain("- ❌ status is 200: 2 of 10 failed");
    }

    [Fact]
    public async Task EndAsync_StepSummaryFile_AppendsInsteadOfReplacing()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-md-").FullName;
        try
        {
            var path = Path.Combine(folder, "step_summary");
            await File.WriteAllTextAsync(path, "earlier step\n", TestContext.Current.CancellationToken);

            await new MarkdownSummaryOutput(path).EndAsync(OutputRuns.Synthetic(), TestContext.Current.CancellationToken);

            var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
            text.ShouldStartWith("earlier step\n## ❌");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Render_ArrivalsDropped_WarnsBeforeTheLatenciesAndRemindsBesideThem()
    {
        var markdown = MarkdownSummaryOutput.Render(OutputRuns.WithDrops());

        var warning = markdown.IndexOf("> [!WARNING]\n> **Dropped arrivals:** 120 of 400 arrivals (30.00%) were dropped", StringComparison.Ordinal);
        warning.ShouldBeGreaterThan(0);
        warning.ShouldBeLessThan(markdown.IndexOf("| http_req_duration |", StringComparison.Ordinal));
        markdown.ShouldContain("The latency percentiles exclude them");
        markdown.ShouldContain("> - checkout: 120 of 400 arrivals dropped (30.00%)");
        markdown.ShouldContain("| ⚠️ dropped arrivals | 120 of 400 arrivals dropped (30.00%); the latency figures exclude them |");
    }

    [Fact]
    public void Render_NothingDropped_HasNoWarning()
    {
        var markdown = MarkdownSummaryOutput.Render(OutputRuns.WithoutDrops());

        markdown.ShouldNotContain("[!WARNING]");
        markdown.ShouldNotContain("dropped");
    }

    [Fact]
    public async Task Render_EndpointWhoseRequestsAllGotNoResponse_CountsThemAndTheirErrors()
    {
        var result = await OutputRuns.HalfUnansweredAsync();

        var markdown = MarkdownSummaryOutput.Render(result);

        var row = markdown.Split('\n').Single(line => line.Contains("/gone", StringComparison.Ordinal));
        row.ShouldEndWith("| 6 | - | - | - | 100.00% |");
        markdown.Split('\n').Single(line => line.Contains("/hit", StringComparison.Ordinal)).ShouldContain("| 6 |");
    }
}

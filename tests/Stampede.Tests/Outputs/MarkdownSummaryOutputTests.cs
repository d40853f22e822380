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
}

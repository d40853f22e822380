using Shouldly;
using Stampede.Cli;
using Stampede.Metrics;
using Xunit;

namespace Stampede.EndToEnd.Tests;

[Collection(nameof(SerialCollection))]
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_RunsTheShowcaseAgainstTheBuiltInTargetAndWritesResults()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-demo-").FullName;
        try
        {
            var host = new TestConsoleHost();

            var code = await StampedeCli.RunAsync(["demo", "--duration", "6s", "--out-dir", folder], host);

            code.ShouldBe(ExitCodes.Ok, host.OutText.ToString() + host.ErrorText);
            var json = Directory.GetFiles(folder, "showcase_*.json").Single();
            Directory.GetFiles(folder, "showcase_*.txt").Single();
            var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
            // REST, SSE chat and LLM streaming side by side.
            foreach (var scenario in new[] { "health", "missions", "specs", "llm", "chat-sse", "llm-stream" })
            {
                result.Scenarios.Select(s => s.Name).ShouldContain(scenario);
            }

            Directory.GetFiles(folder, "showcase_*.html").Single();
            result.Scenarios.ShouldAllBe(s => s.Iterations > 0);
            result.Checks.ShouldAllBe(c => c.Fails == 0);
            result.Passed.ShouldBeTrue();
            host.OutText.ToString().ShouldContain("running showcase");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

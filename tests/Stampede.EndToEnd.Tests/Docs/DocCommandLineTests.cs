using Shouldly;
using Xunit;

namespace Stampede.EndToEnd.Tests.Docs;

public sealed class DocCommandLineTests
{
    [Fact]
    public void FromMarkdown_FencedLines_AreFoundWithTheirLineAndContinuationsJoined()
    {
        const string markdown = """
            # Title
            stampede run outside-a-fence.yaml

            ```sh
            # a comment line
            export STAMPEDE_STORE=sqlite:history.db
            ./stampede run plan.yaml --vus 10 \
              --duration 30s   # half a minute
            echo $?
            ```
            """;

        var lines = DocCommandLine.FromMarkdown("doc.md", markdown);

        lines.Count.ShouldBe(1);
        lines[0].Line.ShouldBe(7);
        lines[0].Program.ShouldBe(DocProgram.Stampede);
        lines[0].Arguments.ShouldBe(["run", "plan.yaml", "--vus", "10", "--duration", "30s"]);
    }

    [Fact]
    public void FromMarkdown_DotnetRunOfACSharpPlan_GivesTheArgumentsAfterTheSeparator()
    {
        var lines = DocCommandLine.FromMarkdown("doc.md", "```sh\ndotnet run examples/csharp/health.cs -- --vus 20 --out json=h.json\n```\n");

        lines.Single().Program.ShouldBe(DocProgram.CSharpPlan);
        lines.Single().Arguments.ShouldBe(["--vus", "20", "--out", "json=h.json"]);
    }

    [Fact]
    public void FromScript_RunKeysAndBlocks_AreFoundAndWorkflowExpressionsAreOneWord()
    {
        const string workflow = """
            steps:
              - run: stampede run perf/checkout.yaml --tag commit=${{ github.sha }}
              - name: Compare
                run: |
                  set +e
                  stampede compare last --format markdown > comparison.md
            """;

        var lines = DocCommandLine.FromScript("ci.yml", workflow);

        lines.Select(l => l.Line).ShouldBe([2, 6]);
        lines[0].Arguments.ShouldBe(["run", "perf/checkout.yaml", "--tag", "commit=X"]);
        lines[1].Arguments.ShouldBe(["compare", "last", "--format", "markdown"]);
    }

    [Fact]
    public void InlineFromMarkdown_CodeSpansInProse_AreFoundButNotThoseInFences()
    {
        const string markdown = "Run `stampede run --rate` or `./stampede demo`.\n```sh\necho `stampede schema`\n```\nThen `stampede history`.\n";

        var lines = DocCommandLine.InlineFromMarkdown("doc.md", markdown);

        lines.Select(l => (l.Line, l.Text)).ShouldBe([(1, "stampede run --rate"), (1, "./stampede demo"), (5, "stampede history")]);
        lines.ShouldAllBe(l => l.Inline);
    }
}

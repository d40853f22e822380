using Shouldly;
using Xunit;

namespace Stampede.EndToEnd.Tests.Docs;

public sealed class DocPlanBlockTests
{
    private static readonly HashSet<string> PlanKeys = ["name", "baseUrl", "scenarios", "thresholds", "data"];

    [Fact]
    public void FromMarkdown_WholePlan_IsTakenAsWritten()
    {
        const string markdown = "```yaml\nname: p\nbaseUrl: http://127.0.0.1:5000\nscenarios:\n  s:\n    flow:\n      - get: /\n```\n";

        var block = DocPlanBlock.FromMarkdown("doc.md", markdown, PlanKeys).Single();

        block.Completed.ShouldBeFalse();
        block.Line.ShouldBe(2);
        block.Yaml.ShouldBe("name: p\nbaseUrl: http://127.0.0.1:5000\nscenarios:\n  s:\n    flow:\n      - get: /\n");
    }

    [Fact]
    public void FromMarkdown_PieceOfAPlan_GetsANameAndAScenarioAfterItsOwnLines()
    {
        const string markdown = "```yaml\nthresholds:\n  \"http_req_duration{scenario:a}\": [ \"p(95)<500\" ]\n```\n";

        var block = DocPlanBlock.FromMarkdown("doc.md", markdown, PlanKeys).Single();

        block.Completed.ShouldBeTrue();
        block.Yaml.ShouldStartWith("thresholds:\n");
        block.Yaml.ShouldContain("\nname: doc-fragment\nbaseUrl: http://127.0.0.1:5000\nscenarios:\n");
    }

    [Fact]
    public void FromMarkdown_VariablesWithoutDefault_AreListed()
    {
        const string markdown = "```yaml\nname: p\nbaseUrl: ${BASE_URL:-http://127.0.0.1:5000}\nscenarios:\n  s:\n    flow:\n      - get: /?key=${API_KEY}\n```\n";

        DocPlanBlock.FromMarkdown("doc.md", markdown, PlanKeys).Single().Variables.ShouldBe(["API_KEY"]);
    }

    [Fact]
    public void FromMarkdown_YamlThatIsNotAPlan_IsLeftOut()
    {
        const string markdown = "```yaml\nregressions:\n  http_reqs: { rate: \"-10%\" }\n```\n\n```sh\nname: x\n```\n";

        DocPlanBlock.FromMarkdown("doc.md", markdown, PlanKeys).ShouldBeEmpty();
    }
}

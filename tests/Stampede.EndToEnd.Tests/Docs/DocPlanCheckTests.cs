using Shouldly;
using Xunit;

namespace Stampede.EndToEnd.Tests.Docs;

public sealed class DocPlanCheckTests
{
    private static readonly HashSet<string> PlanKeys = ["name", "baseUrl", "scenarios", "thresholds", "data"];

    [Fact]
    public async Task Errors_MisspeltKeyInADoc_IsReportedAtItsLine()
    {
        const string markdown = "```yaml\nscenarios:\n  s:\n    flow:\n      - get: /\n        chek: { status: 200 }\n```\n";
        using var check = new DocPlanCheck(RepositoryRoot.Find());

        var errors = await check.ErrorsAsync(DocPlanBlock.FromMarkdown("doc.md", markdown, PlanKeys).Single());

        errors.ShouldContain("plan.yaml:5:");
        errors.ShouldContain("chek");
    }

    [Fact]
    public async Task Errors_PieceOfAPlanNamingTheExamplesData_IsEmpty()
    {
        const string markdown = "```yaml\ndata:\n  users: { csv: data/users.csv, pick: unique }\nthresholds:\n  http_req_failed: [ \"rate<0.01\" ]\n```\n";
        using var check = new DocPlanCheck(RepositoryRoot.Find());

        var errors = await check.ErrorsAsync(DocPlanBlock.FromMarkdown("doc.md", markdown, PlanKeys).Single());

        errors.ShouldBeEmpty();
    }
}

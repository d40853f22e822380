using System.Text.Json;
using Shouldly;
using Stampede.Cli;
using Xunit;

namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>
/// The docs show the real tool: every command line they show parses with the real command line, and every plan or
/// piece of a plan they show loads with the real loader. A renamed option or key fails here, not in a user's shell.
/// </summary>
public sealed class DocsMatchTheCliTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void CommandLines_InEveryDocAndCiRecipe_ParseWithTheRealCommandLine()
    {
        var lines = DocumentationFiles.Markdown(Root)
            .SelectMany(f => DocCommandLine.FromMarkdown(f, File.ReadAllText(Path.Combine(Root, f))).Concat(DocCommandLine.InlineFromMarkdown(f, File.ReadAllText(Path.Combine(Root, f)))))
            .Concat(DocumentationFiles.Workflows(Root).SelectMany(f => DocCommandLine.FromScript(f, File.ReadAllText(Path.Combine(Root, f)))))
            .ToList();

        var wrong = lines.Select(l => (Line: l, Errors: DocCommandCheck.Errors(l))).Where(c => c.Errors.Count > 0)
            .Select(c => $"{c.Line}\n    {string.Join("\n    ", c.Errors)}").ToList();

        wrong.ShouldBeEmpty(string.Join("\n", wrong));
        // The scan finds what the docs show: the README's, the plan reference's, the CI recipes' and a C# plan's lines.
        lines.Count.ShouldBeGreaterThan(30);
        lines.ShouldContain(l => l.File == "README.md" && l.Arguments.Count > 0 && l.Arguments[0] == "demo");
        lines.ShouldContain(l => l.File == "docs/ci/github-actions.yml");
        lines.ShouldContain(l => l.Program == DocProgram.CSharpPlan);
        lines.Count(l => l.Inline).ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task PlanBlocks_InEveryDoc_LoadWithTheRealLoader()
    {
        var planKeys = await PlanKeysAsync();
        var blocks = DocumentationFiles.Markdown(Root).SelectMany(f => DocPlanBlock.FromMarkdown(f, File.ReadAllText(Path.Combine(Root, f)), planKeys)).ToList();
        using var check = new DocPlanCheck(Root);
        var wrong = new List<string>();
        foreach (var block in blocks)
        {
            if (await check.ErrorsAsync(block) is { Length: > 0 } errors)
            {
                wrong.Add($"{block} (plan.yaml line 1 is the block's first line{(block.Completed ? "; a name, a base URL or a scenario was added after it" : "")})\n{errors}");
            }
        }

        wrong.ShouldBeEmpty(string.Join("\n", wrong));
        blocks.Count.ShouldBeGreaterThanOrEqualTo(10);
        blocks.ShouldContain(b => b.File == "README.md" && !b.Completed);
        blocks.ShouldContain(b => b.File == "docs/plan-reference.md" && !b.Completed);
    }

    /// <summary>The plan's top-level keys, from the schema <c>stampede schema</c> prints.</summary>
    private static async Task<HashSet<string>> PlanKeysAsync()
    {
        var host = new TestConsoleHost();
        (await StampedeCli.RunAsync(["schema"], host)).ShouldBe(ExitCodes.Ok, host.Errors);
        using var schema = JsonDocument.Parse(host.Output);
        return [.. schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name)];
    }
}

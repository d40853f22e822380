using System.Text.RegularExpressions;

namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>
/// A YAML block of a document that is a plan or a piece of one, ready to load: a block counts when every one of its
/// top-level keys is a plan key (the plan schema's top-level properties); other YAML (a regressions file, a question
/// template file, a Prometheus config) is not a plan and is left out. A piece without <c>name</c>, <c>baseUrl</c> or
/// <c>scenarios</c> gets a minimal one of each, so what the block shows is loaded as the loader sees it in a plan.
/// <see cref="Variables"/> are the environment variables the block needs set (<c>${NAME}</c> with no default).
/// </summary>
internal sealed partial record DocPlanBlock(string File, int Line, string Yaml, bool Completed, IReadOnlyList<string> Variables)
{
    public override string ToString() => $"{File}:{Line}";

    public static IReadOnlyList<DocPlanBlock> FromMarkdown(string file, string markdown, IReadOnlySet<string> planKeys)
    {
        var blocks = new List<DocPlanBlock>();
        foreach (var fence in MarkdownFence.ReadAll(markdown).Where(f => f.Info is "yaml" or "yml"))
        {
            var keys = fence.Lines.Select(l => TopLevelKey().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value).ToList();
            if (keys.Count == 0 || !keys.All(planKeys.Contains))
            {
                continue;
            }

            // The block's own lines come first, unindented as written, so the loader's line numbers are the block's.
            var yaml = string.Join('\n', fence.Lines);
            var completed = false;
            if (!keys.Contains("name"))
            {
                yaml += "\nname: doc-fragment";
                completed = true;
            }

            if (!keys.Contains("baseUrl"))
            {
                yaml += "\nbaseUrl: http://127.0.0.1:5000";
                completed = true;
            }

            if (!keys.Contains("scenarios"))
            {
                yaml += "\nscenarios:\n  doc-fragment:\n    flow:\n      - get: /\n";
                completed = true;
            }

            var variables = RequiredVariable().Matches(yaml).Select(m => m.Groups["name"].Value).Distinct().ToList();
            blocks.Add(new DocPlanBlock(file, fence.FirstLine, yaml + "\n", completed, variables));
        }

        return blocks;
    }

    [GeneratedRegex("""^"?(?<key>[A-Za-z_][A-Za-z0-9_-]*)"?\s*:""")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex RequiredVariable();
}

namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>The project's documents: README.md and every Markdown file and CI recipe under docs/, bench/, deploy/, examples/ and src/.</summary>
internal static class DocumentationFiles
{
    public static IReadOnlyList<string> Markdown(string root) => Find(root, "*.md");

    public static IReadOnlyList<string> Workflows(string root) => Find(root, "*.yml").Where(f => f.StartsWith("docs/", StringComparison.Ordinal)).ToList();

    private static List<string> Find(string root, string pattern)
    {
        var files = Directory.GetFiles(root, pattern).ToList();
        foreach (var folder in new[] { "docs", "bench", "deploy", "examples", "src" }.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            files.AddRange(Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules")));
        }

        return [.. files.Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal)];
    }
}

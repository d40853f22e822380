using Stampede.Cli;

namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>
/// Loads a documented plan block with <c>stampede validate</c>, from a folder that holds the files the docs' plans
/// name (the examples' data and shared files, and stand-ins for the rest), and returns what the loader reported; empty when it loads.
/// </summary>
internal sealed class DocPlanCheck : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-doc-plans-").FullName;

    public DocPlanCheck(string repositoryRoot)
    {
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "examples", "data")))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        var common = Path.Combine(_folder, "common");
        Directory.CreateDirectory(common);
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "examples", "common")))
        {
            File.Copy(file, Path.Combine(common, Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(repositoryRoot, "examples", "data", "users.csv"), Path.Combine(_folder, "users.csv"));
        File.WriteAllText(Path.Combine(data, "products.json"), """[{ "id": 1, "name": "widget" }]""");
        File.WriteAllText(Path.Combine(_folder, "questions.yaml"), "templates:\n  - \"What is the capital of France?\"\n");
    }

    public async Task<string> ErrorsAsync(DocPlanBlock block)
    {
        var file = Path.Combine(_folder, "plan.yaml");
        await File.WriteAllTextAsync(file, block.Yaml);
        var host = new TestConsoleHost();
        string[] args = ["validate", file, .. block.Variables.SelectMany(v => new[] { "-e", $"{v}=doc" })];
        return await StampedeCli.RunAsync(args, host) == ExitCodes.Ok ? "" : host.Errors;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

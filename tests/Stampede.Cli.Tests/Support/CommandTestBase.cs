using Stampede.Metrics;

namespace Stampede.Cli.Tests.Support;

/// <summary>A temporary folder with a store path, result files, and the CLI run in-process.</summary>
public abstract class CommandTestBase : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stampede-cli-history-");

    protected string StorePath => Path.Combine(_folder.FullName, "history.db");

    protected string PathFor(string name) => Path.Combine(_folder.FullName, name);

    protected string WriteResult(string name, RunResult result)
    {
        var path = PathFor(name);
        File.WriteAllText(path, RunResultJson.Serialize(result));
        return path;
    }

    internal static async Task<(int ExitCode, string Out, string Error)> RunCliAsync(params string[] args) =>
        await RunCliAsync(new TestConsoleHost(), args);

    internal static async Task<(int ExitCode, string Out, string Error)> RunCliAsync(TestConsoleHost host, params string[] args)
    {
        var exitCode = await StampedeCli.RunAsync(args, host);
        return (exitCode, host.OutText.ToString(), host.ErrorText.ToString());
    }

    public void Dispose()
    {
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}

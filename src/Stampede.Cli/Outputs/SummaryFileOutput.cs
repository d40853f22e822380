using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli.Outputs;

/// <summary><c>--out summary=FILE</c>: the end-of-test summary as plain text.</summary>
internal sealed class SummaryFileOutput(string path) : IOutput
{
    public void Start(RunInfo run)
    {
    }

    public void OnSecond(LiveSnapshot snapshot)
    {
    }

    public Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return File.WriteAllTextAsync(path, new ConsoleSummary(color: false).Render(result), cancellationToken);
    }
}

using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary><c>--out json=FILE</c>: writes the full result when the run ends (also when it was interrupted).</summary>
public sealed class JsonResultOutput(string template) : IOutput
{
    /// <inheritdoc />
    public void Start(RunInfo run)
    {
    }

    /// <inheritdoc />
    public void OnSecond(LiveSnapshot snapshot)
    {
    }

    /// <inheritdoc />
    public async Task EndAsync(RunResult result, CancellationToken cancellationToken)
    {
        var path = OutputPath.Resolve(template, result);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Write beside and rename, so a reader never sees half a file.
        var temporary = path + ".partial";
        await using (var stream = File.Create(temporary))
        {
            await RunResultJson.WriteAsync(stream, result, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

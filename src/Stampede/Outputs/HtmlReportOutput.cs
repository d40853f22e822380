using Stampede.Metrics;
using Stampede.Outputs.Html;

namespace Stampede.Outputs;

/// <summary><c>--out html=FILE</c>: writes the self-contained HTML report when the run ends (also when it was interrupted).</summary>
public sealed class HtmlReportOutput(string path) : IOutput
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
    public Task EndAsync(RunResult result, CancellationToken cancellationToken) => HtmlReport.WriteAsync(result, OutputPath.Resolve(path, result), cancellationToken);
}

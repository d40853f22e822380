using Stampede.Cli.Hosting;
using Stampede.History.Store;

namespace Stampede.Cli.Commands;

/// <summary>Finds the run a command names (an id, <c>last</c>, or a result file), reporting a miss the same way everywhere.</summary>
internal static class StoredRun
{
    /// <summary>The run, or the exit code to return when it cannot be had (the reason is already printed).</summary>
    public static async Task<(LoadedRun? Run, int ExitCode)> LoadAsync(IConsoleHost host, IRunStore runs, string reference, CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await RunLoader.LoadAsync(reference, runs, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                host.Error.WriteLine($"error: no run '{reference}': give a run id from 'stampede history', 'last', or a result file");
                return (null, ExitCodes.BadInput);
            }

            return (loaded, ExitCodes.Ok);
        }
        catch (Exception exception) when (exception is HistoryStoreException or FormatException or IOException)
        {
            host.Error.WriteLine($"error: {exception.Message}");
            return (null, exception is HistoryStoreException ? ExitCodes.Failure : ExitCodes.BadInput);
        }
    }
}

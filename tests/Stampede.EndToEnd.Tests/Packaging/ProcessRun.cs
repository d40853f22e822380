namespace Stampede.EndToEnd.Tests.Packaging;

/// <summary>A finished process: its exit code and everything it wrote, standard error after standard output.</summary>
internal sealed record ProcessRun(int Exit, string Output)
{
    /// <summary>Runs a program to its end, or kills it after <paramref name="timeout"/> (the run then fails with exit -1).</summary>
    public static async Task<ProcessRun> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = CliProcess.Start(fileName, args, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ProcessRun(-1, $"{fileName} {string.Join(' ', args)}: no exit after {timeout}\n{await stdout}{await stderr}");
        }

        return new ProcessRun(process.ExitCode, await stdout + await stderr);
    }
}

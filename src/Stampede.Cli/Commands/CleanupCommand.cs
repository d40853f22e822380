using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.Execution.Tenancy;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede cleanup MANIFEST</c>: deletes what a run's <c>tenants:</c> created and left behind (a crash, a killed
/// process, <c>--keep-data</c>), from the manifest the run wrote; keys, users, then organisations, with retries.
/// </summary>
internal static class CleanupCommand
{
    public static Command Create(IConsoleHost host)
    {
        var manifest = new Argument<string>("manifest") { Description = "The tenant manifest a run wrote (.stampede/tenants-<run>.json)." };
        var attempts = new Option<int>("--attempts") { Description = "Attempts per delete before it is reported as left over (default 3).", DefaultValueFactory = _ => 3 };
        var command = new Command("cleanup", "Delete the organisations, users and keys a run with tenants: left on the target, from its manifest.") { manifest, attempts };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(manifest)!;
            var tries = parse.GetValue(attempts);
            if (tries is < 1 or > 20)
            {
                host.Error.WriteLine($"error: --attempts: must be from 1 to 20, got {tries}");
                return ExitCodes.BadInput;
            }

            if (!File.Exists(path))
            {
                host.Error.WriteLine($"error: {path}: no such manifest");
                return ExitCodes.BadInput;
            }

            var (loaded, problem) = TenantManifest.Load(path);
            if (loaded is null)
            {
                host.Error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }

            var (orgs, users, keys) = loaded.Counts();
            host.Out.WriteLine($"Cleaning up run {loaded.RunId} on {loaded.BaseUrl}: {orgs} organisations, {users} users, {keys} keys");
            using var client = new TenantApiClient(loaded.BaseUrl, TimeSpan.FromSeconds(30));
            var result = await TenantCleanup.RunAsync(loaded, client, tries, host.Time, cancellationToken).ConfigureAwait(false);
            host.Out.WriteLine(Stampede.Outputs.TenantReport.Cleanup(result));
            return result.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}

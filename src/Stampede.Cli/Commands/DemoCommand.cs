using System.CommandLine;
using System.Globalization;
using Stampede.Cli.Hosting;
using Stampede.DemoTarget;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede demo</c>: starts the built-in demo target on a free loopback port, runs the showcase plan against
/// it with live progress and thresholds, prints the summary and writes the results to <c>./stampede-results/</c>.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(IConsoleHost host)
    {
        var options = new RunOptions();
        var outDir = new Option<string>("--out-dir") { Description = "Folder for the results.", DefaultValueFactory = _ => "stampede-results" };
        var seed = new Option<int>("--seed") { Description = "The demo target's seed.", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Run the showcase load test against the built-in demo target (about 30 s) and write its results to ./stampede-results/.") { outDir, seed };
        options.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var settings = options.Read(parse);
            var duration = TimeSpan.FromSeconds(30);
            if (settings.Duration is { } durationText)
            {
                // --duration scales the showcase rather than replacing its executors.
                if (!Plans.Duration.TryParse(durationText, out duration, out var error))
                {
                    ErrorReport.Write(host.Error, [new Plans.PlanError("--duration", error!)]);
                    return ExitCodes.BadInput;
                }

                settings = settings with { Duration = null };
            }
            DemoTargetServer server;
            try
            {
                server = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0, Seed = parse.GetValue(seed) }).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                host.Error.WriteLine($"error: the demo target could not start: {exception.Message}");
                return ExitCodes.Failure;
            }

            await using (server.ConfigureAwait(false))
            {
                var plan = ShowcasePlan.Build(server.BaseAddress, server.DemoApiKey ?? "", duration);
                var stamp = host.Time.GetLocalNow().ToString("yyyy-MM-dd_HH-mm", CultureInfo.InvariantCulture);
                var folder = parse.GetValue(outDir)!;
                var baseName = Path.Combine(folder, $"{plan.Name}_{stamp}");
                settings = settings with { Outputs = [.. settings.Outputs, $"json={baseName}.json", $"html={baseName}.html", $"summary={baseName}.txt"] };
                if (!settings.Quiet)
                {
                    host.Out.WriteLine($"demo target on {server.BaseAddress}; running the showcase plan (Ctrl-C stops it and still writes the results)");
                }

                var outcome = await new PlanRunner(host).RunAsync(plan, settings).ConfigureAwait(false);
                if (outcome.Result is not null)
                {
                    host.Out.WriteLine($"results: {baseName}.html (open it in a browser), {baseName}.json, {baseName}.txt");
                }

                return outcome.ExitCode;
            }
        });
        return command;
    }
}

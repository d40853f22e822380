using System.CommandLine;
using Stampede.Cli.Commands;
using Stampede.Cli.Hosting;
using Stampede.Plans;

namespace Stampede.Cli;

/// <summary>The <c>stampede</c> command line: every command registered here, in one place.</summary>
public static class StampedeCli
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, IConsoleHost host) => RunAsync(args, host, CancellationToken.None);

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command until it ends or <paramref name="cancellationToken"/> is
    /// cancelled, as when the process is killed (a program hosting a worker ends it so); returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IConsoleHost host, CancellationToken cancellationToken)
    {
        var parse = CreateRootCommand(host).Parse(args);
        if (parse.Errors.Count > 0)
        {
            ErrorReport.Write(host.Error, [.. parse.Errors.Select(e => new PlanError("arguments", e.Message))]);
            host.Error.WriteLine("Try 'stampede --help'.");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = host.Out,
                Error = host.Error,
                // Stampede handles Ctrl-C and SIGTERM itself: a run must stop gracefully and still write its results.
                ProcessTerminationTimeout = null,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is PlanException plan)
        {
            ErrorReport.Write(host.Error, plan.Errors);
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Every command, built but not run: what <see cref="RunAsync(string[], IConsoleHost)"/> parses with, and what the docs are checked against.</summary>
    internal static RootCommand CreateRootCommand(IConsoleHost host) =>
        new("Stampede: load testing for HTTP, streaming and LLM backends.")
        {
            RunCommand.Create(host),
            DemoCommand.Create(host),
            TargetCommand.Create(host),
            ValidateCommand.Create(host),
            ConvertCommand.Create(host),
            SchemaCommand.Create(host),
            CleanupCommand.Create(host),
            ReportCommand.Create(host),
            HistoryCommand.Create(host),
            ShowCommand.Create(host),
            CompareCommand.Create(host),
            MergeCommand.Create(host),
            CoordinateCommand.Create(host),
            PlanCapacityCommand.Create(host),
            WorkerCommand.Create(host),
            DriftCommand.Create(host),
            ControlCommand.Create(host),
            UiCommand.Create(host),
            K8sCommand.Create(host),
        };
}

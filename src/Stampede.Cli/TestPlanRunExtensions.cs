using Stampede.Cli;
using Stampede.Cli.Hosting;
using Stampede.Plans;

// In the library's root namespace on purpose: a C# plan that says `using Stampede;` finds plan.RunAsync(args) there.
#pragma warning disable IDE0130
namespace Stampede;
#pragma warning restore IDE0130

/// <summary>Runs a C# plan as a program: <c>return (await plan.RunAsync(args)).ExitCode;</c></summary>
public static class TestPlanRunExtensions
{
    /// <summary>
    /// Runs the plan with the command line's options (the same as <c>stampede run</c>: --vus, --duration,
    /// --iterations, --stage, -e, --out, --threshold, --quiet, --no-color, …), prints live progress and the summary,
    /// and returns the result with the exit code to return from <c>Main</c>.
    /// </summary>
    public static Task<RunOutcome> RunAsync(this TestPlanBuilder plan, string[] args) => RunAsync(plan, args, new ConsoleHost());

    internal static async Task<RunOutcome> RunAsync(TestPlanBuilder builder, string[] args, IConsoleHost host)
    {
        var options = new RunOptions();
        var parse = CreateCommand(builder.Name, options).Parse(args);
        if (parse.Errors.Count > 0)
        {
            ErrorReport.Write(host.Error, [.. parse.Errors.Select(e => new PlanError("arguments", e.Message))]);
            return new RunOutcome(null, ExitCodes.BadInput);
        }

        if (args.Contains("--help") || args.Contains("-h") || args.Contains("-?"))
        {
            await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = host.Out, Error = host.Error }).ConfigureAwait(false);
            return new RunOutcome(null, ExitCodes.Ok);
        }

        var plan = builder.Build(out var errors);
        if (errors.Count > 0)
        {
            ErrorReport.Write(host.Error, errors);
            return new RunOutcome(null, ExitCodes.BadInput);
        }

        return await new PlanRunner(host, userCode: true).RunAsync(plan, options.Read(parse)).ConfigureAwait(false);
    }

    /// <summary>The command line a C# plan's program takes: <see cref="RunOptions"/>, nothing else.</summary>
    internal static System.CommandLine.RootCommand CreateCommand(string planName, RunOptions options)
    {
        var command = new System.CommandLine.RootCommand($"Runs the load test '{planName}'.");
        options.AddTo(command);
        return command;
    }
}

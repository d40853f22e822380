using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.History.Comparison;
using Stampede.History.Store;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>The <c>--store</c> option the history commands share, and how its address is chosen.</summary>
internal static class HistoryStoreOption
{
    /// <summary>The environment variable that names the store when <c>--store</c> is not given.</summary>
    public const string EnvironmentVariable = "STAMPEDE_STORE";

    public static Option<string?> Create() => new("--store") { Description = $"The run history store: a SQLite file (default {RunStores.DefaultPath}) or postgres://user:pass@host:port/db (also {EnvironmentVariable})." };

    /// <summary><c>--store</c>, else STAMPEDE_STORE, else null (the default SQLite file).</summary>
    public static string? Address(IConsoleHost host, string? option) =>
        option ?? (host.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    /// <summary>STAMPEDE_STORE=off (or none) turns storing off for every run.</summary>
    public static bool IsOff(string? address) => address is "off" or "none";

    public static RegressionRules ReadRules(string file, List<PlanError> errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (IOException exception)
        {
            errors.Add(new PlanError(file, exception.Message));
            return RegressionRules.Default;
        }

        var problems = new List<string>();
        var rules = RegressionRules.Parse(text, problems);
        errors.AddRange(problems.Select(p => new PlanError(file, p)));
        if (problems.Count == 0 && rules.Rules.Count == 0)
        {
            errors.Add(new PlanError(file, "no tolerance found; expected e.g. http_req_duration: { p95: \"+10%\" }"));
        }

        return rules;
    }
}

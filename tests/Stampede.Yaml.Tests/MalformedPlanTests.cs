using System.Text.RegularExpressions;
using Stampede.Cli;
using Stampede.Yaml.Tests.Hosting;

namespace Stampede.Yaml.Tests;

/// <summary>
/// Every file under Malformed/ starts with <c># expect: LINE:COLUMN fragment</c>: loading it must report a problem at
/// exactly that place whose message contains the fragment, and the CLI must exit 2 without a stack trace. A file that
/// starts with <c># expect warning: LINE:COLUMN fragment</c> is a plan that validates but cannot do what its author
/// meant: it must load with exactly that one warning, and the CLI must print it located and still exit 0.
/// </summary>
public sealed partial class MalformedPlanTests
{
    public static TheoryData<string> Files() => new(Corpus(warnings: false));

    public static TheoryData<string> WarningFiles() => new(Corpus(warnings: true));

    private static IEnumerable<string> Corpus(bool warnings) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Malformed"), "*.yaml")
            .Where(path => File.ReadLines(path).First().StartsWith("# expect warning:", StringComparison.Ordinal) == warnings)
            .Select(path => Path.GetFileName(path)!)
            .Order();

    [Fact]
    public void Corpus_HasAtLeastThirtyPlans() => Files().Count.ShouldBeGreaterThanOrEqualTo(30);

    [Fact]
    public void Corpus_HasWarningPlans() => WarningFiles().Count.ShouldBeGreaterThanOrEqualTo(5);

    [Fact]
    public void Load_PathIsADirectory_SaysItIsADirectoryNotThatAccessIsDenied()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Malformed");

        var result = YamlPlanLoader.Load(folder);

        var error = result.Errors.ShouldHaveSingleItem();
        error.ToString().ShouldBe($"{folder}: is a directory; expected a plan file (.yaml or .yml)");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_MalformedPlan_ReportsExpectedProblemAtItsLocation(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Malformed", name);
        var (line, column, fragment) = Expectation(path, ExpectLine());

        var result = YamlPlanLoader.Load(path);

        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldContain(
            e => e.Location != null && e.Location.Line == line && e.Location.Column == column && e.Message.Contains(fragment, StringComparison.Ordinal),
            $"expected {line}:{column} '{fragment}', got:\n{string.Join("\n", result.Errors)}");
        result.Errors.Count.ShouldBe(1, string.Join("\n", result.Errors));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Validate_MalformedPlan_ExitsWithBadInputAndNoStackTrace(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Malformed", name);
        var (line, column, _) = Expectation(path, ExpectLine());
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["validate", path], host);

        exit.ShouldBe(ExitCodes.BadInput);
        host.Errors.ShouldContain($"{path}:{line}:{column}: ");
        host.Errors.ShouldNotContain("   at ");
        host.Errors.ShouldNotContain("Exception");
    }

    [Theory]
    [MemberData(nameof(WarningFiles))]
    public void Load_QuestionablePlan_LoadsWithExpectedWarningAtItsLocation(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Malformed", name);
        var (line, column, fragment) = Expectation(path, ExpectWarningLine());

        var result = YamlPlanLoader.Load(path);

        result.Succeeded.ShouldBeTrue(string.Join("\n", result.Errors));
        result.Warnings.ShouldContain(
            w => w.Location != null && w.Location.Line == line && w.Location.Column == column && w.Message.Contains(fragment, StringComparison.Ordinal),
            $"expected {line}:{column} '{fragment}', got:\n{string.Join("\n", result.Warnings)}");
        result.Warnings.Count.ShouldBe(1, string.Join("\n", result.Warnings));
    }

    [Theory]
    [MemberData(nameof(WarningFiles))]
    public async Task Validate_QuestionablePlan_PrintsLocatedWarningAndExitsOk(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Malformed", name);
        var (line, column, _) = Expectation(path, ExpectWarningLine());
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["validate", path], host);

        exit.ShouldBe(ExitCodes.Ok, host.Errors);
        host.Errors.ShouldContain($"warning: {path}:{line}:{column}: ");
        host.Output.ShouldContain("valid (");
        host.Output.ShouldContain("1 warning");
    }

    [Fact]
    public async Task Run_MalformedPlan_ExitsWithBadInputBeforeRunning()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Malformed", "unknown-step-key.yaml");
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["run", path, "--quiet"], host);

        exit.ShouldBe(ExitCodes.BadInput);
        host.Errors.ShouldContain("unknown key 'chekc'");
        host.Errors.ShouldContain("nothing was run");
    }

    // Think steps only, so a run needs no server: 1s of schedule, each iteration pauses 1.2s.
    private const string PausingPlan = """
        name: x
        scenarios:
          a:
            executor: constant-vus
            duration: 1s
            gracefulStop: 5s
            flow:
              - think: 1200ms
        thresholds:
          dropped_iterations: [ "count==0" ]
        """;

    [Fact]
    public async Task Run_PlanWithWarnings_PrintsThemLocatedAndRuns()
    {
        var (exit, errors, path) = await RunPausingPlanAsync();

        exit.ShouldBe(ExitCodes.Ok, errors);
        errors.ShouldContain($"warning: {path}:8:16: scenarios.a.flow: one iteration pauses at least 1.2s");
        errors.ShouldContain($"warning: {path}:10:25: thresholds.dropped_iterations: only arrival-rate scenarios record");
    }

    [Fact]
    public async Task Run_CommandLineReplacesTheExecutors_WarnsOfThePlanThatRuns()
    {
        // --rate makes the scenario an arrival-rate one for 3s: it records dropped_iterations, and 1.2s pauses fit.
        var (exit, errors, _) = await RunPausingPlanAsync("--rate", "2", "--duration", "3s", "--vus", "8");

        exit.ShouldBe(ExitCodes.Ok, errors);
        errors.ShouldNotContain("warning:");
    }

    private static async Task<(int Exit, string Errors, string Path)> RunPausingPlanAsync(params string[] options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stampede-warning-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, PausingPlan);
        var host = new TestConsoleHost();
        try
        {
            var exit = await StampedeCli.RunAsync(["run", path, "--quiet", "--no-history", .. options], host);
            return (exit, host.Errors, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Line, int Column, string Fragment) Expectation(string path, Regex expect)
    {
        var first = File.ReadLines(path).First();
        var match = expect.Match(first);
        match.Success.ShouldBeTrue($"{path} must start with '# expect: LINE:COLUMN fragment' or '# expect warning: LINE:COLUMN fragment'");
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), match.Groups[3].Value.Trim());
    }

    [GeneratedRegex(@"^# expect: (\d+):(\d+) (.+)$")]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"^# expect warning: (\d+):(\d+) (.+)$")]
    private static partial Regex ExpectWarningLine();
}

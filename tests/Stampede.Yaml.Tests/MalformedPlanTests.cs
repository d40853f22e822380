using System.Text.RegularExpressions;
using Stampede.Cli;
using Stampede.Yaml.Tests.Hosting;

namespace Stampede.Yaml.Tests;

/// <summary>
/// Every file under Malformed/ starts with <c># expect: LINE:COLUMN fragment</c>: loading it must report a problem at
/// exactly that place whose message contains the fragment, and the CLI must exit 2 without a stack trace.
/// </summary>
public sealed partial class MalformedPlanTests
{
    public static TheoryData<string> Files() => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Malformed"), "*.yaml").Select(Path.GetFileName).Order()!);

    [Fact]
    public void Corpus_HasAtLeastThirtyPlans() => Files().Count.ShouldBeGreaterThanOrEqualTo(30);

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
        var (line, column, fragment) = Expectation(path);

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
        var (line, column, _) = Expectation(path);
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["validate", path], host);

        exit.ShouldBe(ExitCodes.BadInput);
        host.Errors.ShouldContain($"{path}:{line}:{column}: ");
        host.Errors.ShouldNotContain("   at ");
        host.Errors.ShouldNotContain("Exception");
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

    private static (int Line, int Column, string Fragment) Expectation(string path)
    {
        var first = File.ReadLines(path).First();
        var match = ExpectLine().Match(first);
        match.Success.ShouldBeTrue($"{path} must start with '# expect: LINE:COLUMN fragment'");
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), match.Groups[3].Value.Trim());
    }

    [GeneratedRegex(@"^# expect: (\d+):(\d+) (.+)$")]
    private static partial Regex ExpectLine();
}

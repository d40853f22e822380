using System.Collections.Concurrent;
using Stampede.Cli;
using Stampede.Execution;
using Stampede.Yaml.Tests.Hosting;
using Stampede.Yaml.Tests.Streaming;

namespace Stampede.Yaml.Tests.Flows;

/// <summary>The <c>log:</c> step: what it writes to the run's log, at which level, and how it holds back a flood.</summary>
public sealed class LogStepTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    private (Plans.TestPlan Plan, ConcurrentQueue<(string Level, string Line)> Log) Load(string yaml)
    {
        var log = new ConcurrentQueue<(string, string)>();
        var text = yaml.Replace("BASE", target.Server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);
        var result = YamlPlanLoader.LoadText(text, "t.yaml", ".", new PlanLoadOptions { Log = (level, line) => log.Enqueue((level, line)) });
        result.Errors.ShouldBeEmpty();
        return (result.Plan!, log);
    }

    [Fact]
    public async Task RunAsync_LogStep_WritesTheRenderedLineAtItsLevel()
    {
        var (plan, log) = Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - post: /api/missions
                    json: { name: m }
                    capture: { missionId: json.id }
                  - log: "created {{ missionId }}"
                  - log: "careful"
                    level: warn
            """);

        await new Engine().RunAsync(plan);

        var lines = log.ToList();
        lines.Count.ShouldBe(2);
        lines[0].Level.ShouldBe("info");
        lines[0].Line.ShouldMatch(@"^created \d+$");
        lines[1].ShouldBe(("warn", "careful"));
    }

    [Fact]
    public async Task RunAsync_LogStepInABusyLoop_WritesAtMostItsLinesASecondAndNotesTheRest()
    {
        var (plan, log) = Load("""
            name: t
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - repeat: 50
                    steps:
                      - log: "line {{ repeat.index }}"
                        perSecond: 3
            """);

        await new Engine().RunAsync(plan);

        // The loop may straddle a second of the clock, so it writes three lines or six, never more.
        var lines = log.Where(l => l.Level == "info").ToList();
        lines.Count.ShouldBeOneOf(3, 6);
        lines.Take(3).Select(l => l.Line).ShouldBe(["line 0", "line 1", "line 2"]);
        var notes = log.Where(l => l.Level == "warn").ToList();
        notes.Count.ShouldBe(lines.Count == 3 ? 0 : 1);
        notes.ShouldAllBe(n => n.Line.StartsWith("t.yaml:7:30: ", StringComparison.Ordinal) && n.Line.Contains("suppressed (at most 3 a second)"));
    }

    [Fact]
    public async Task Run_LogStepExample_WritesToStandardErrorWithItsLevel()
    {
        var host = new TestConsoleHost();
        var plan = Path.Combine(AppContext.BaseDirectory, "examples", "log-step.yaml");

        var exit = await StampedeCli.RunAsync(
            ["run", plan, "--vus", "1", "--duration", "1s", "--quiet", "--no-summary", "--no-history", "-e", $"BASE_URL={target.Server.BaseAddress.ToString().TrimEnd('/')}"],
            host);

        exit.ShouldBe(ExitCodes.Ok, host.Errors);
        host.Errors.ShouldMatch(@"INFO\[log\] created mission \d+ \(VU 1, iteration 0\)");
        host.Errors.ShouldNotContain("ERROR[log]");
        host.Output.ShouldNotContain("[log]");
    }
}

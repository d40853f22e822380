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

        // The loop may straddle seconds of the clock, so how many lines pass varies; what must hold whatever the timing:
        // lines come in order, and each note counts exactly the lines skipped before the next one written.
        var expected = 0;
        foreach (var (level, line) in log)
        {
            if (level == "warn")
            {
                line.ShouldStartWith("t.yaml:7:30: ");
                var held = System.Text.RegularExpressions.Regex.Match(line, @": (\d+) lines? of this log step suppressed \(at most 3 a second\)$");
                held.Success.ShouldBeTrue(line);
                expected += int.Parse(held.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            line.ShouldBe($"line {expected}");
            expected++;
        }

        var written = log.Count(l => l.Level == "info");
        written.ShouldBeGreaterThanOrEqualTo(3);
        // Fifty synchronous steps take far less than the 17 seconds it would take to let all of them through.
        written.ShouldBeLessThan(50);
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

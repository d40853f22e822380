using Stampede.Cli;
using Stampede.Plans;
using Stampede.Plans.Executors;
using Stampede.Plans.Profiles;
using Stampede.Yaml.Tests.Hosting;

namespace Stampede.Yaml.Tests.Profiles;

/// <summary>Locust's vocabulary: users started at a spawn rate, then held — as a profile, in a plan and on the command line.</summary>
public sealed class SpawnRateProfileTests
{
    [Theory]
    [InlineData(50, 5, 300, 10_000, 290_000)]     // Locust's --users 50 --spawn-rate 5 --run-time 5m
    [InlineData(10, 4, 60, 2_500, 57_500)]
    [InlineData(3, 0.5, 10, 6_000, 4_000)]
    public void Build_UsersAndRate_RampsAtTheRateThenHolds(int users, double rate, int seconds, int rampMs, int holdMs)
    {
        var ramp = (RampingVusOptions)new SpawnRateProfile(rate).Build(new ProfileParameters { Vus = users, Duration = TimeSpan.FromSeconds(seconds) });

        ramp.StartVus.ShouldBe(0);
        ramp.Stages.ShouldBe([new Stage(TimeSpan.FromMilliseconds(rampMs), users), new Stage(TimeSpan.FromMilliseconds(holdMs), users)]);
        ramp.ScheduledDuration.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Build_DurationShorterThanTheRamp_StopsPartWayAtTheUsersStartedByThen()
    {
        var ramp = (RampingVusOptions)new SpawnRateProfile(2).Build(new ProfileParameters { Vus = 100, Duration = TimeSpan.FromSeconds(10) });

        ramp.Stages.ShouldBe([new Stage(TimeSpan.FromSeconds(10), 20)]);
    }

    [Fact]
    public void Build_WithShare_SplitsUsersAndRateSoScenariosPeakTogether()
    {
        var parameters = new ProfileParameters { Vus = 40, Duration = TimeSpan.FromSeconds(60) };

        var big = (RampingVusOptions)new SpawnRateProfile(4).Build(parameters, 0.75);
        var small = (RampingVusOptions)new SpawnRateProfile(4).Build(parameters, 0.25);

        big.Stages[0].ShouldBe(new Stage(TimeSpan.FromSeconds(10), 30));
        small.Stages[0].ShouldBe(new Stage(TimeSpan.FromSeconds(10), 10));
    }

    [Fact]
    public void Load_ProfileWithUsersAndSpawnRate_IsTheRampSplitByWeight()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            profile: { users: 20, spawnRate: 2, duration: 30s }
            scenarios:
              a: { weight: 3, flow: [ { get: http://127.0.0.1:1/ } ] }
              b: { weight: 1, flow: [ { get: http://127.0.0.1:1/ } ] }
            """, "t.yaml", ".");

        result.Errors.ShouldBeEmpty();
        result.Profile.ShouldBeOfType<SpawnRateProfile>().SpawnRate.ShouldBe(2);
        var a = (RampingVusOptions)result.Plan!.Scenarios.Single(s => s.Name == "a").Executor;
        a.Stages.ShouldBe([new Stage(TimeSpan.FromSeconds(10), 15), new Stage(TimeSpan.FromSeconds(20), 15)]);
    }

    [Theory]
    [InlineData("{ users: 5, vus: 5, spawnRate: 1 }", "users is Locust's word for vus")]
    [InlineData("{ name: load, users: 5, spawnRate: 1 }", "spawnRate is a ramp of its own")]
    [InlineData("{ spawnRate: 1 }", "spawnRate needs users")]
    [InlineData("{ users: 5, spawnRate: 0 }", "profile.spawnRate")]
    public void Load_MisusedSpawnRate_IsALocatedError(string profile, string fragment)
    {
        var result = YamlPlanLoader.LoadText($"name: t\nprofile: {profile}\nscenarios:\n  a:\n    flow: [ {{ get: http://127.0.0.1:1/ }} ]\n", "t.yaml", ".");

        result.Errors.ShouldContain(e => (e.Message.Contains(fragment, StringComparison.Ordinal) || e.Path.Contains(fragment, StringComparison.Ordinal)) && e.Location!.Line == 2);
    }

    [Fact]
    public void LoadFrom_UsersAndSpawnRate_IsTheRampOverTheDuration()
    {
        var errors = new List<PlanError>();

        var executor = PlanOverrides.LoadFrom(new RunSettings { Vus = 6, SpawnRate = 3, Duration = "5s" }, errors);

        errors.ShouldBeEmpty();
        var ramp = executor.ShouldBeOfType<RampingVusOptions>();
        ramp.Stages.ShouldBe([new Stage(TimeSpan.FromSeconds(2), 6), new Stage(TimeSpan.FromSeconds(3), 6)]);
    }

    [Fact]
    public void LoadFrom_SpawnRateWithStages_IsAnError()
    {
        var errors = new List<PlanError>();

        PlanOverrides.LoadFrom(new RunSettings { Vus = 6, SpawnRate = 3, Stages = ["10s:5"] }, errors).ShouldBeNull();

        errors.ShouldHaveSingleItem().Path.ShouldBe("--spawn-rate");
    }

    [Fact]
    public async Task Run_UsersAndSpawnRateOnTheCommandLine_RampsToTheUsers()
    {
        await using var target = await DemoTarget.DemoTargetServer.StartAsync(new DemoTarget.DemoTargetOptions { Port = 0 });
        var json = Path.Combine(Path.GetTempPath(), $"stampede-spawn-{Guid.NewGuid():N}.json");
        var host = new TestConsoleHost();
        try
        {
            var exit = await StampedeCli.RunAsync(
                ["run", "--url", new Uri(target.BaseAddress, "/api/health").ToString(), "--users", "4", "--spawn-rate", "8", "--duration", "1500ms", "--quiet", "--no-history", "--out", $"json={json}"], host);

            exit.ShouldBe(ExitCodes.Ok, host.Errors);
            var result = Stampede.Metrics.RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
            result.Metric("vus_max")!.Values.Value.ShouldBe(4);
        }
        finally
        {
            File.Delete(json);
        }
    }
}

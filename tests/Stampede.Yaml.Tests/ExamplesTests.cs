using Stampede.Cli;
using Stampede.DemoTarget;
using Stampede.Metrics;
using Stampede.Yaml.Tests.Hosting;

namespace Stampede.Yaml.Tests;

/// <summary>
/// Every plan in examples/ runs in smoke form (2 VUs, 2 s) against an in-process demo target through the real CLI,
/// all at once to keep the suite fast, and must run iterations with no failed check and exit 0. An example whose full
/// size would not fit that (the 1,000-user tenants plan) says how it is scaled down in a <c># ci: ARGS</c> comment line,
/// whose arguments are added to the run's.
/// </summary>
public sealed class ExamplesTests(ExamplesTests.Runs runs) : IClassFixture<ExamplesTests.Runs>
{
    public static TheoryData<string> Examples() => new(ExampleFiles().Select(Path.GetFileName)!);

    private static string[] ExampleFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.yaml").Order()];

    [Fact]
    public void Examples_CoverEveryProfileAndTheSuites()
    {
        var names = ExampleFiles().Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (var profile in Plans.Profiles.LoadProfiles.Names)
        {
            names.ShouldContain($"profile-{profile}");
        }

        names.ShouldContain("api-suite");
        names.ShouldContain("data-driven");
        names.ShouldContain("setup-teardown");
        names.ShouldContain("chat-streaming");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Run_Example_RunsIterationsWithoutFailedChecks(string name)
    {
        var (exit, result, errors) = await runs.Get(name);

        // Latency thresholds (on a time trend, or goodput: the share of answers within a latency SLO) may fail when
        // every example runs at once on a small machine; anything else must not.
        exit.ShouldBeOneOf([ExitCodes.Ok, ExitCodes.ThresholdsFailed], errors);
        result.ShouldNotBeNull();
        result.Metric("iterations")!.Values.Count!.Value.ShouldBeGreaterThan(0);
        result.Checks.ShouldNotBeEmpty();
        result.Checks.Where(c => c.Fails > 0).ShouldBeEmpty();
        result.Metric("http_req_failed")!.Values.Rate!.Value.ShouldBe(0);
        result.Thresholds.Where(t => t.Outcome == ThresholdOutcomeNames.Failed && !IsLatency(result, t.Metric)).ShouldBeEmpty();
    }

    private static bool IsLatency(RunResult result, string selector)
    {
        var name = selector.Split('{')[0];
        return name == "llm_goodput" || result.Metric(name)?.Unit == MetricUnit.Time;
    }

    [Fact]
    public async Task Run_BreakpointExample_ResultNotesTheRateReached()
    {
        var (_, result, errors) = await runs.Get("profile-breakpoint.yaml");

        result.ShouldNotBeNull(errors);
        var notes = result.Meta.Notes.ShouldNotBeNull();
        notes.TryGetValue("breakpoint_rate", out var rate).ShouldBeTrue();
        rate.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Run_OtherExample_ResultHasNoNotes()
    {
        var (_, result, errors) = await runs.Get("profile-smoke.yaml");

        result.ShouldNotBeNull(errors);
        result.Meta.Notes.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Load_Example_IsValidWithoutEnvironment(string name)
    {
        var result = YamlPlanLoader.Load(Path.Combine(AppContext.BaseDirectory, "examples", name));

        result.Errors.ShouldBeEmpty();
    }

    /// <summary>Starts the demo target once and every example against it in parallel.</summary>
    public sealed class Runs : IAsyncLifetime
    {
        private readonly Dictionary<string, Task<(int, RunResult?, string)>> _runs = [];
        private DemoTargetServer? _server;

        public Task<(int Exit, RunResult? Result, string Errors)> Get(string name) => _runs[name];

        public async ValueTask InitializeAsync()
        {
            _server = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });
            foreach (var file in ExampleFiles())
            {
                _runs[Path.GetFileName(file)] = RunAsync(file, _server.BaseAddress.ToString().TrimEnd('/'), _server.DemoApiKey ?? "");
            }
        }

        /// <summary>The arguments of the example's <c># ci:</c> lines, in order.</summary>
        public static IReadOnlyList<string> CiArguments(string file) =>
            [.. File.ReadLines(file)
                .Where(line => line.StartsWith("# ci:", StringComparison.Ordinal))
                .SelectMany(line => line["# ci:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))];

        private static async Task<(int, RunResult?, string)> RunAsync(string file, string baseUrl, string apiKey)
        {
            var json = Path.Combine(Path.GetTempPath(), $"stampede-example-{Guid.NewGuid():N}.json");
            var host = new TestConsoleHost();
            try
            {
                // Two VUs cannot serve 20 arrivals a second of most examples: dropped, the surplus costs nothing, where
                // queued it would keep every example running through its graceful stop, all of them at once.
                var exit = await StampedeCli.RunAsync(
                    ["run", file, "--vus", "2", "--rate", "20", "--overflow", "drop", "--duration", "2s", "--quiet", "-e", $"BASE_URL={baseUrl}", "-e", $"ORG=org-{Guid.NewGuid():N}"[..20], "-e", $"DEMO_API_KEY={apiKey}", "--out", $"json={json}", .. CiArguments(file)],
                    host);
                var result = File.Exists(json) ? RunResultJson.Deserialize(await File.ReadAllTextAsync(json)) : null;
                return (exit, result, host.Errors + host.Output);
            }
            finally
            {
                File.Delete(json);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(_runs.Values);
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}

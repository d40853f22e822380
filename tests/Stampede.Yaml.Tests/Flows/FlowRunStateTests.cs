using Stampede.Execution;
using Stampede.Plans;
using Stampede.Yaml.Tests.Hosting;

namespace Stampede.Yaml.Tests.Flows;

/// <summary>Per-run template state: data positions start afresh each run, scenarios only use the data sets they read, and seeds repeat values.</summary>
public sealed class FlowRunStateTests : IAsyncLifetime
{
    private RecordingServer _server = null!;
    private string _directory = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RecordingServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("stampede-yaml-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_directory, "users.csv"), "name\nann\nbob\ncy\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private TestPlan Load(string yaml)
    {
        var result = YamlPlanLoader.LoadText(yaml.Replace("BASE", _server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal), "t.yaml", _directory);
        result.Errors.ShouldBeEmpty();
        return result.Plan!;
    }

    [Fact]
    public async Task ForVu_SamePlanRunTwice_EachRunStartsFromTheFirstRow()
    {
        var plan = Load("""
            name: t
            baseUrl: BASE
            data:
              users: { csv: users.csv, pick: unique }
            scenarios:
              a:
                executor: shared-iterations
                vus: 1
                iterations: 3
                flow: [ { get: "/u/{{ data.users.name }}" } ]
            """);

        await new Engine().RunAsync(plan);
        await new Engine().RunAsync(plan);

        _server.Requests.ShouldBe(["/u/ann", "/u/bob", "/u/cy", "/u/ann", "/u/bob", "/u/cy"]);
    }

    [Fact]
    public async Task ForVu_ScenarioThatDoesNotReadADataSet_LeavesItsRowsToTheOthers()
    {
        var plan = Load("""
            name: t
            baseUrl: BASE
            data:
              users: { csv: users.csv, pick: unique }
            vars:
              who: "{{ data.users.name }}"
            scenarios:
              reader:
                executor: shared-iterations
                vus: 1
                iterations: 3
                startTime: 300ms
                flow: [ { get: "/u/{{ who }}" } ]
              other:
                executor: per-vu-iterations
                vus: 2
                iterations: 5
                flow: [ { get: /other } ]
            """);

        await new Engine().RunAsync(plan);

        _server.Requests.Where(r => r.StartsWith("/u/", StringComparison.Ordinal)).ShouldBe(["/u/ann", "/u/bob", "/u/cy"]);
        _server.Requests.Count(r => r == "/other").ShouldBe(10);
    }

    [Fact]
    public async Task ForVu_StopDataSetRunsOut_AbortsTheRemainingIterations()
    {
        var plan = Load("""
            name: t
            baseUrl: BASE
            data:
              users: { csv: users.csv, pick: sequential, onExhausted: stop }
            scenarios:
              a:
                executor: per-vu-iterations
                vus: 1
                iterations: 5
                flow: [ { get: "/u/{{ data.users.name }}" } ]
            """);

        var result = await new Engine().RunAsync(plan);

        _server.Requests.ShouldBe(["/u/ann", "/u/bob", "/u/cy"]);
        result.Scenarios.ShouldHaveSingleItem().Iterations.ShouldBe(5);
    }

    [Fact]
    public async Task Scope_SameSeed_RepeatsRandomValuesAndAnotherSeedChangesThem()
    {
        const string Yaml = """
            name: t
            baseUrl: BASE
            seed: SEED
            scenarios:
              a:
                executor: per-vu-iterations
                vus: 2
                iterations: 2
                flow: [ { get: "/r/{{ vu.id }}/{{ random.int(1, 1000000000) }}/{{ fake.firstName }}" } ]
            """;

        async Task<string[]> RunWithSeed(string seed)
        {
            _server.Clear();
            await new Engine().RunAsync(Load(Yaml.Replace("SEED", seed, StringComparison.Ordinal)));
            return [.. _server.Requests.Order(StringComparer.Ordinal)];
        }

        var first = await RunWithSeed("42");
        var again = await RunWithSeed("42");
        var other = await RunWithSeed("43");

        first.Length.ShouldBe(4);
        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }
}

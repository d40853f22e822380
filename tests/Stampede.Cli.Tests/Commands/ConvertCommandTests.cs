using Stampede.DemoTarget;
using Stampede.Metrics;

namespace Stampede.Cli.Tests.Commands;

/// <summary><c>stampede convert k6</c>: one small script per construct, the notes it leaves, and our users' suite run both ways.</summary>
public sealed class ConvertCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-convert-").FullName;
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string BaseUrl => _target.BaseAddress.ToString().TrimEnd('/');

    private async Task<(int Exit, string Yaml, string Errors)> ConvertAsync(string script, string file = "script.js")
    {
        var path = Path.Combine(_folder, file);
        await File.WriteAllTextAsync(path, script, TestContext.Current.CancellationToken);
        var host = new TestConsoleHost();
        var exit = await StampedeCli.RunAsync(["convert", "k6", path], host);
        return (exit, host.Output, host.Errors);
    }

    private async Task<(int Exit, string Errors)> ValidateAsync(string yaml)
    {
        var path = Path.Combine(_folder, $"plan-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml, TestContext.Current.CancellationToken);
        var host = new TestConsoleHost();
        var exit = await StampedeCli.RunAsync(["validate", path], host);
        return (exit, host.Errors + host.Output);
    }

    private const string Imports = "import http from 'k6/http';\nimport { check, sleep, group } from 'k6';\nimport { Counter, Rate, Trend } from 'k6/metrics';\n";

    [Fact]
    public async Task Convert_RequestWithHeadersJsonBodyAndNameTag_WritesARequestStep()
    {
        var (exit, yaml, errors) = await ConvertAsync(Imports + """
            const BASE = __ENV.BASE_URL || 'http://localhost:3000';
            export default function () {
              http.post(`${BASE}/api/missions`, JSON.stringify({ name: `m ${Date.now()}`, n: 3 }), { headers: { 'X-Key': 'k' }, tags: { name: 'create', type: 'write' } });
            }
            """);

        exit.ShouldBe(ExitCodes.Ok, errors);
        yaml.ShouldContain("- post: \"${BASE_URL:-http://localhost:3000}/api/missions\"");
        yaml.ShouldContain("name: \"m {{ now.unixMs }}\"");
        yaml.ShouldContain("n: 3");
        yaml.ShouldContain("X-Key: \"k\"");
        yaml.ShouldContain("name: \"create\"");
        yaml.ShouldContain("type: \"write\"");
        (await ValidateAsync(yaml)).Exit.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Convert_ChecksGroupsSleepAndMetrics_WriteNamedChecksGroupThinkAndMetricAdds()
    {
        var (exit, yaml, errors) = await ConvertAsync(Imports + """
            const created = new Counter('created');
            const failures = new Rate('failures');
            const took = new Trend('took', true);
            export default function () {
              group('crud', () => {
                const res = http.get('http://localhost/api/missions');
                took.add(res.timings.duration);
                const ok = check(res, {
                  'is 200': (r) => r.status === 200,
                  'is array': (r) => Array.isArray(JSON.parse(r.body)),
                  'fast': (r) => r.timings.duration < 500,
                });
                if (ok) { created.add(1); }
                failures.add(!ok);
              });
              sleep(0.25);
            }
            """);

        exit.ShouldBe(ExitCodes.Ok, errors);
        yaml.ShouldContain("- group: \"crud\"");
        yaml.ShouldContain("is: 200\n");
        yaml.ShouldContain("name: \"is 200\"");
        yaml.ShouldContain("isArray: true");
        yaml.ShouldContain("\"<\": 500");
        yaml.ShouldContain("took: \"duration\"");
        yaml.ShouldContain("created: \"{{ checks.ok }}\"");
        yaml.ShouldContain("failures: \"{{ checks.ok }} == false\"");
        yaml.ShouldContain("isTime: true");
        yaml.ShouldContain("- think: \"250ms\"");
        errors.ShouldBeEmpty();
        (await ValidateAsync(yaml)).Exit.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Convert_JsonValueUsedInALaterUrl_BecomesACaptureAndATemplate()
    {
        var (exit, yaml, errors) = await ConvertAsync(Imports + """
            export default function () {
              const res = http.post('http://localhost/api/missions', JSON.stringify({ name: 'x' }));
              const id = res.json('id');
              http.get(`http://localhost/api/missions/${id}`);
            }
            """);

        exit.ShouldBe(ExitCodes.Ok, errors);
        yaml.ShouldContain("capture:\n");
        yaml.ShouldContain("id: \"json.id\"");
        yaml.ShouldContain("- get: \"http://localhost/api/missions/{{ id }}\"");
        (await ValidateAsync(yaml)).Exit.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Convert_OptionsWithScenariosThresholdsAndTags_WritesExecutorsAndThresholds()
    {
        var (exit, yaml, errors) = await ConvertAsync(Imports + """
            export const options = {
              tags: { project: 'p' },
              scenarios: {
                browse: { executor: 'constant-arrival-rate', rate: 5, duration: '10s', preAllocatedVUs: 2, exec: 'browse' },
              },
              thresholds: { http_req_duration: ['p(95)<500'], http_req_failed: [{ threshold: 'rate<0.01', abortOnFail: true }] },
            };
            export function browse() { http.get('http://localhost/api/health'); }
            """);

        exit.ShouldBe(ExitCodes.Ok, errors);
        yaml.ShouldContain("  browse:\n    executor: \"constant-arrival-rate\"\n    rate: 5");
        yaml.ShouldContain("preAllocatedVUs: 2");
        yaml.ShouldContain("project: \"p\"");
        yaml.ShouldContain("- \"p(95)<500\"");
        yaml.ShouldContain("abortOnFail: true");
        (await ValidateAsync(yaml)).Exit.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Convert_StagesFromALocalImport_FollowsTheImportToARampingScenario()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "config.js"), "export const options = { stages: [{ duration: '10s', target: 5 }, { duration: '5s', target: 0 }] };", TestContext.Current.CancellationToken);
        var (exit, yaml, errors) = await ConvertAsync("import http from 'k6/http';\nimport { options } from './config.js';\nexport { options };\nexport default function () { http.get('http://localhost/'); }\n");

        exit.ShouldBe(ExitCodes.Ok, errors);
        yaml.ShouldContain("executor: \"ramping-vus\"");
        yaml.ShouldContain("target: 5");
        (await ValidateAsync(yaml)).Exit.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Convert_WebSocketSessionWithOpenSendAndTimedClose_WritesSendListenAndChecks()
    {
        var (exit, yaml, errors) = await ConvertAsync("import ws from 'k6/ws';\nimport { check } from 'k6';\n" + """
            export default function () {
              const res = ws.connect('ws://localhost/ws', {}, function (socket) {
                socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe' })));
                socket.on('message', (msg) => { const data = JSON.parse(msg); check(data, { 'has type': (d) => d.type !== undefined }); });
                socket.setTimeout(() => { socket.close(); }, 2000);
              });
              check(res, { 'upgraded': (r) => r && r.status === 101 });
            }
            """);

        exit.ShouldBe(ExitCodes.Ok, errors);
        yaml.ShouldContain("- ws: \"ws://localhost/ws\"");
        yaml.ShouldContain("type: \"subscribe\"");
        yaml.ShouldContain("duration: \"2s\"");
        yaml.ShouldContain("name: \"has type\"");
        yaml.ShouldContain("name: \"upgraded\"");
        (await ValidateAsync(yaml)).Exit.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Convert_ConstructsAPlanCannotSay_LeavesACommentInPlaceAndAWarning()
    {
        var (exit, yaml, errors) = await ConvertAsync(Imports + """
            export default function () {
              http.get('http://localhost/a');
              for (let i = 0; i < 3; i++) { http.get('http://localhost/b'); }
              http.batch([['GET', 'http://localhost/c']]);
            }
            """);

        exit.ShouldBe(ExitCodes.Ok, errors);
        yaml.ShouldContain("# not converted: for (let i = 0; i < 3; i++) { http.get('http://localhost/b'); } (a statement a plan has no step for)");
        yaml.ShouldContain("# not converted: http.batch(");
        errors.ShouldContain("warning: ");
        errors.ShouldContain("script.js:6:3: not converted: for (let i = 0;");
        errors.ShouldContain("script.js:7:3: not converted: http.batch(");
        yaml.IndexOf("- get: \"http://localhost/a\"", StringComparison.Ordinal).ShouldBeLessThan(yaml.IndexOf("# not converted: for", StringComparison.Ordinal));
        (await ValidateAsync(yaml)).Exit.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Convert_SyntaxError_IsALocatedErrorWithExitCode2()
    {
        var (exit, yaml, errors) = await ConvertAsync("import http from 'k6/http';\nexport default function () {\n  http.get('x'\n}\n", "broken.js");

        exit.ShouldBe(ExitCodes.BadInput);
        yaml.ShouldBeEmpty();
        errors.ShouldContain("broken.js:4:");
        errors.ShouldContain("syntax error");
        errors.ShouldNotContain("   at ");
    }

    public static TheoryData<string> SuiteScripts() => ["api-health.js", "api-missions.js", "api-specs.js", "websocket.js"];

    [Theory]
    [MemberData(nameof(SuiteScripts))]
    public async Task Convert_UsersSuiteScript_PlanRecordsTheSameMetricCheckAndGroupNamesAsTheScript(string name)
    {
        var suite = UsersK6Suite.Folder();
        Assert.SkipWhen(suite is null, "the users' k6 suite (shared/k6/api-suite) is not beside this checkout");
        var script = Path.Combine(suite!, name);
        if (name == "websocket.js")
        {
            // The script holds each session 30 s; a copy holding it 2 s keeps the test short with the same code.
            var original = await File.ReadAllTextAsync(script, TestContext.Current.CancellationToken);
            original.ShouldContain("}, 30000);");
            script = Path.Combine(_folder, name);
            await File.WriteAllTextAsync(script, original.Replace("}, 30000);", "}, 2000);", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        }

        var host = new TestConsoleHost();
        var plan = Path.Combine(_folder, Path.ChangeExtension(name, ".yaml"));
        (await StampedeCli.RunAsync(["convert", "k6", script, "-o", plan], host)).ShouldBe(ExitCodes.Ok, host.Errors);

        var fromScript = await RunAsync(script);
        var fromPlan = await RunAsync(plan);

        // A ws: step has no metric: yet: the script's own per-message counters are the one gap, and the conversion says so.
        string[] noted = name == "websocket.js" ? ["ws_messages_received", "ws_messages_sent"] : [];
        if (noted.Length > 0)
        {
            host.Errors.ShouldContain("not converted: messagesReceived.add(1);");
            host.Errors.ShouldContain("not converted: messagesSent.add(1);");
        }

        Names(fromPlan).ShouldBe(Names(fromScript).Except(noted), ignoreOrder: true);
        fromPlan.Checks.Select(c => c.Name).Distinct().ShouldBe(fromScript.Checks.Select(c => c.Name).Distinct(), ignoreOrder: true);
        Groups(fromPlan).ShouldBe(Groups(fromScript), ignoreOrder: true);
        fromPlan.Checks.ShouldNotBeEmpty();
    }

    private static IEnumerable<string> Names(RunResult result) =>
        result.Metrics.Where(m => m.Values.Count > 0 || m.Series.Count > 0).Select(m => m.Name).Where(n => !n.StartsWith("harness_", StringComparison.Ordinal)).Order();

    private static IEnumerable<string> Groups(RunResult result) =>
        result.Metrics.SelectMany(m => m.Series).Select(s => s.Tags.GetValueOrDefault("group")).Concat(result.Checks.Select(c => c.Group))
            .Where(g => !string.IsNullOrEmpty(g)).Distinct()!;

    private async Task<RunResult> RunAsync(string file)
    {
        var json = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        var host = new TestConsoleHost();
        var ws = "ws" + BaseUrl["http".Length..] + "/ws";
        string[] args = ["run", file, "-e", $"BASE_URL={BaseUrl}", "-e", $"WS_URL={ws}", "-e", "API_KEY=sk-test", "--iterations", "2", "--vus", "1", "--no-history", "--quiet", "--out", $"json={json}"];
        var exit = await StampedeCli.RunAsync(args, host);
        exit.ShouldBeOneOf([ExitCodes.Ok, ExitCodes.ThresholdsFailed], host.Errors);
        return RunResultJson.Deserialize(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
    }
}

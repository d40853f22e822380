using Stampede.Cli;
using Stampede.DemoTarget;
using Stampede.Metrics;

namespace Stampede.K6.Tests;

/// <summary>k6 scripts run through <c>stampede run script.js</c> against the in-process demo target, judged by their results.</summary>
public sealed class K6ScriptRunTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-k6-").FullName;
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "k6-compat", name);

    private async Task<(int Exit, string Out, string Error, RunResult? Result)> RunAsync(string script, params string[] extra)
    {
        var json = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        var host = new TestConsoleHost();
        string[] args = ["run", script, "-e", $"BASE_URL={_target.BaseAddress.ToString().TrimEnd('/')}", "--no-history", "--quiet", "--out", $"json={json}", .. extra];
        var exit = await StampedeCli.RunAsync(args, host);
        var result = File.Exists(json) ? RunResultJson.Deserialize(await File.ReadAllTextAsync(json)) : null;
        return (exit, host.Output, host.Errors, result);
    }

    [Fact]
    public async Task ApiGroupsScript_RecordsChecksCustomMetricsAndScenarios()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("api-groups.js"));

        exit.ShouldBe(ExitCodes.Ok, error);
        result.ShouldNotBeNull();
        result.Metric("created")!.Values.Count.ShouldBe(6);
        result.Metric("list_time")!.Unit.ShouldBe(MetricUnit.Time);
        result.Metric("last_status")!.Values.Value.ShouldBe(201);
        result.Metric("ok")!.Values.Rate.ShouldBe(1);
        result.Checks.ShouldContain(c => c.Name == "created 201" && c.Passes == 6 && c.Fails == 0);
        result.Checks.ShouldContain(c => c.Name == "digest from setup" && c.Passes == 2);
        result.Checks.ShouldContain(c => c.Name == "health 200" && c.Passes == 2);
        result.Thresholds.Count.ShouldBe(3);
        result.Thresholds.ShouldAllBe(t => t.Outcome == "passed");
        result.Scenarios.Select(s => s.Name).ShouldBe(["crud", "probe"], ignoreOrder: true);
        result.Metric("http_reqs")!.Values.Count.ShouldBe(6 * 2 + 2 * 2);
        error.ShouldContain("teardown with dXNlcjpwYXNz");
    }

    [Fact]
    public async Task ResponseReadAfterLaterRequests_KeepsItsOwnHeadersTimingsAndRequest()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("http-late-reads.js"));

        exit.ShouldBe(ExitCodes.Ok, error);
        result!.Checks.Count.ShouldBe(8);
        result.Checks.ShouldAllBe(c => c.Passes == 2 && c.Fails == 0);
    }

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "k6"), "*.js").Select(f => Path.GetFileName(f)!).Order()];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_RunsAsWrittenAndPassesItsThresholds(string example)
    {
        var (exit, _, error, result) = await RunAsync(Path.Combine(AppContext.BaseDirectory, "examples", "k6", example), "--duration", "2s");

        exit.ShouldBe(ExitCodes.Ok, error);
        result!.Checks.ShouldNotBeEmpty();
        result.Checks.ShouldAllBe(c => c.Fails == 0);
        result.Metric("iterations")!.Values.Count.ShouldNotBeNull().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Validate_AScript_SaysWhatItWouldRunWithoutRunningIt()
    {
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["validate", Corpus("api-groups.js"), "-e", "BASE_URL=http://127.0.0.1:9"], host);

        exit.ShouldBe(ExitCodes.Ok, host.Errors);
        host.Output.ShouldContain("api-groups.js: valid (2 scenarios, 3 thresholds");
    }

    [Fact]
    public async Task Validate_AScriptWithASyntaxError_ExitsTwoWithTheLocation()
    {
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["validate", Corpus("syntax-error.js")], host);

        exit.ShouldBe(ExitCodes.BadInput);
        host.Errors.ShouldMatch(@"syntax-error\.js:\d+:\d+");
        host.Errors.ShouldNotContain("YAML");
    }

    [Fact]
    public async Task EveryVusInitContext_RunsBeforeTheFirstIteration()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("init-before-start.js"));

        exit.ShouldBe(ExitCodes.Ok, error);
        var check = result!.Checks.Single(c => c.Name == "all VUs initialised");
        check.Fails.ShouldBe(0);
        check.Passes.ShouldBeGreaterThanOrEqualTo(4 + 4);
    }

    [Fact]
    public async Task OneSegment_InitialisesOnlyItsShareOfTheVus()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("init-segment.js"), "--segment", "0:1/4", "-e", "EXPECTED_VUS=2");

        exit.ShouldBe(ExitCodes.Ok, error);
        result!.Checks.Single(c => c.Name == "own share initialised").ShouldSatisfyAllConditions(
            c => c.Passes.ShouldBe(2),
            c => c.Fails.ShouldBe(0));
    }

    [Fact]
    public async Task InitThrowingInOneVu_StopsBeforeTheTestWith107AndTheLocation()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("init-throws-on-vu.js"));

        exit.ShouldBe(ExitCodes.ScriptException, error);
        error.ShouldContain("VU 3 cannot start");
        result!.Meta.StopReason!.ShouldStartWith("init failed");
        result.Errors.ShouldContain(e => e.Scenario == "init" && e.Message.Contains("init-throws-on-vu.js:5"));
        result.Metric("iterations")?.Values.Count.GetValueOrDefault().ShouldBe(0);
        result.Meta.DurationSeconds.ShouldBeLessThan(1);
    }

    [Fact]
    public async Task UsersApiSuite_RunsUnchanged()
    {
        var suite = UsersK6Suite.Folder();
        Assert.SkipWhen(suite is null, "the users' k6 suite (shared/k6/api-suite) is not beside this checkout");
        var (exit, _, error, result) = await RunAsync(Path.Combine(suite!, "api-missions.js"), "--iterations", "3", "--vus", "1", "-e", "API_KEY=sk-test");

        exit.ShouldBeOneOf([ExitCodes.Ok, ExitCodes.ThresholdsFailed], error);
        result.ShouldNotBeNull();
        result.Metric("missions_created")!.Values.Count.ShouldBe(3);
        result.Metric("errors")!.Values.Rate.ShouldBe(0);
        result.Checks.ShouldContain(c => c.Name == "create status is 201" && c.Passes == 3);
        result.Checks.ShouldContain(c => c.Name == "list returns array" && c.Passes == 3);
        result.Metric("group_duration").ShouldNotBeNull();
        result.Thresholds.Select(t => t.Metric).ShouldContain("mission_create_duration");
    }

    [Fact]
    public async Task HttpParams_ExpectedStatusesTagsAndUrlNamesShapeWhatIsRecorded()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("http-params.js"));

        exit.ShouldBe(ExitCodes.Ok, error);
        result!.Checks.ShouldAllBe(c => c.Fails == 0);
        result.Checks.Count.ShouldBe(3);
        result.Thresholds.Count.ShouldBe(2);
        result.Thresholds.ShouldAllBe(t => t.Outcome == "passed");
        result.Metric("http_reqs")!.Values.Count.ShouldBe(6);
    }

    [Fact]
    public async Task HttpCookiesScript_JarRequestCookiesRedirectsAndBasicAuthBehaveAsInK6()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("http-cookies.js"));

        exit.ShouldBe(ExitCodes.Ok, error);
        result.ShouldNotBeNull();
        var failing = result.Checks.Where(c => c.Fails > 0).Select(c => c.Name).ToList();
        failing.ShouldBeEmpty();
        result.Checks.Count.ShouldBe(17);
        result.Checks.ShouldAllBe(c => c.Passes == 2);
        result.Thresholds.ShouldAllBe(t => t.Outcome == "passed");

        // A request and its redirects are one sample (Stampede's rule for both front ends).
        result.Metric("http_reqs")!.Values.Count.ShouldBe(2 * 14);
    }

    [Fact]
    public async Task SseChatScript_StreamsThroughTheSseExtensionApiWithStampedesStreamMetrics()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("sse-chat.js"), "-e", "VUS=2", "-e", "DURATION=2s");

        exit.ShouldBe(ExitCodes.Ok, error);
        result.ShouldNotBeNull();
        result.Scenarios.Select(s => s.Name).ShouldBe(["ramp_up", "spike"], ignoreOrder: true);
        var streams = result.Metric("sse_streams")!.Values.Count.ShouldNotBeNull();
        streams.ShouldBeGreaterThan(0);
        result.Checks.ShouldContain(c => c.Name == "stream status 200" && c.Passes == streams && c.Fails == 0);
        result.Checks.ShouldContain(c => c.Name == "done counts the tokens" && c.Passes == streams && c.Fails == 0);
        result.Checks.ShouldContain(c => c.Name == "opened before events" && c.Fails == 0);
        result.Checks.ShouldContain(c => c.Name == "no stream errors" && c.Fails == 0);

        // Every event is counted once by Stampede's sse_events and once by the extension's sse_event; tokens plus one done per stream.
        var events = result.Metric("sse_events")!.Values.Count.ShouldNotBeNull();
        result.Metric("sse_event")!.Values.Count.ShouldBe(events);
        result.Metric("chat_tokens")!.Values.Count.ShouldBe(events - streams);
        result.Metric("sse_time_to_first_event")!.Values.Count.ShouldBe(streams);
        result.Metric("sse_event_gap")!.Values.Count.ShouldNotBeNull().ShouldBeGreaterThan(0);
        result.Metric("chat_time_to_first_event")!.Values.Count.ShouldBe(streams);
        result.Metric("sse_errors").ShouldBeNull();
        result.Thresholds.Count.ShouldBe(3);
        result.Thresholds.ShouldAllBe(t => t.Outcome == "passed");
    }

    [Fact]
    public async Task WsChatScript_RampsVusThroughTheChatAndJudgesTheBackendLoopByItsHzChecks()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("ws-chat.js"), "-e", "VUS=20", "-e", "DURATION=3s");

        exit.ShouldBe(ExitCodes.Ok, error);
        result.ShouldNotBeNull();
        var sessions = result.Metric("ws_sessions")!.Values.Count.ShouldNotBeNull();
        sessions.ShouldBeGreaterThanOrEqualTo(20);
        result.Metric("ws_sessions")!.Series.ShouldAllBe(s => s.Tags.GetValueOrDefault("name") == "chat");
        result.Metric("vus_max")!.Values.Value.ShouldBe(21);   // 20 chat VUs at the top of the ramp, plus the poller
        result.Metric("error_rate")!.Values.Rate.ShouldNotBeNull().ShouldBeLessThan(0.05);
        result.Metric("reply_tokens")!.Values.Min.ShouldNotBeNull().ShouldBeGreaterThan(0);
        result.Checks.Single(c => c.Name == "chat upgraded (101)").Passes.ShouldBe((long)sessions);
        result.Checks.Single(c => c.Name == "reply ended").Passes.ShouldBeGreaterThanOrEqualTo((long)(0.95 * sessions));
        var hz = result.Checks.Single(c => c.Name == "hz");
        hz.Passes.ShouldBeGreaterThanOrEqualTo(3);
        result.Metric("backend_loop_hz")!.Values.Value.ShouldNotBeNull().ShouldBeGreaterThan(25);
        result.Metric("http_reqs")!.Series.ShouldAllBe(s => s.Tags.GetValueOrDefault("name") == "metrics");
        result.Thresholds.Select(t => t.Metric).ShouldBe(["error_rate", "checks{type:hz}", "checks{type:chat}", "ws_connecting"], ignoreOrder: true);
        result.Thresholds.ShouldAllBe(t => t.Outcome == ThresholdOutcomeNames.Passed);
        result.Thresholds.Single(t => t.Metric == "checks{type:hz}").Observed.ShouldBe(1);
    }

    [Fact]
    public async Task WsChatScript_HzChecksFailing_FailTheirThreshold()
    {
        // A backend loop target of 10 Hz can never reach the script's 25 Hz check: the hz threshold must fail.
        await using var slow = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0, BackendLoopHz = 10 });
        var host = new TestConsoleHost();
        var json = Path.Combine(_folder, "slow.json");
        var exit = await StampedeCli.RunAsync(
            ["run", Corpus("ws-chat.js"), "-e", $"BASE_URL={slow.BaseAddress.ToString().TrimEnd('/')}", "-e", "VUS=2", "-e", "DURATION=2s",
             "--no-history", "--quiet", "--out", $"json={json}"], host);

        exit.ShouldBe(ExitCodes.ThresholdsFailed, host.Errors);
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
        result.Thresholds.Single(t => t.Metric == "checks{type:hz}").Outcome.ShouldBe(ThresholdOutcomeNames.Failed);
        result.Thresholds.Single(t => t.Metric == "error_rate").Outcome.ShouldBe(ThresholdOutcomeNames.Passed);
        result.Checks.Single(c => c.Name == "hz").Fails.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task WsBrowserChatScript_ExperimentalWebSocketsPingAndStreamPassTheirThresholds()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("ws-browser-chat.js"), "-e", "VUS=5");

        exit.ShouldBe(ExitCodes.Ok, error);
        result.ShouldNotBeNull();
        result.Metric("iterations")!.Values.Count.ShouldBe(10);
        result.Metric("ws_sessions")!.Values.Count.ShouldBe(10);
        result.Metric("ws_ping")!.Values.Count.ShouldBe(10);
        result.Metric("ws_session_duration")!.Values.Count.ShouldBe(10);
        result.Metric("error_rate")!.Values.Rate.ShouldBe(0);
        result.Checks.Count.ShouldBe(3);
        result.Checks.ShouldAllBe(c => c.Passes == 10 && c.Fails == 0);
        result.Metric("tokens_received")!.Values.Count.ShouldNotBeNull().ShouldBeGreaterThan(10);
        result.Thresholds.Count.ShouldBe(3);
        result.Thresholds.ShouldAllBe(t => t.Outcome == ThresholdOutcomeNames.Passed);
    }

    [Fact]
    public async Task ExceptionInIteration_IsCountedAndTheRunGoesOn()
    {
        var (exit, _, error, result) = await RunAsync(Corpus("throws.js"));

        exit.ShouldBe(ExitCodes.Ok, error);
        result!.Metric("iterations")!.Values.Count.ShouldBe(3);
        result.Errors.ShouldContain(e => e.Message.Contains("boom in iteration") && e.Message.Contains("throws.js:4"));
    }

    [Fact]
    public async Task TestAbort_ExitsWithK6sCode108AndStillWritesTheResult()
    {
        var (exit, _, _, result) = await RunAsync(Corpus("abort.js"));

        exit.ShouldBe(ExitCodes.ScriptAborted);
        result.ShouldNotBeNull();
        result.Meta.DurationSeconds.ShouldBeLessThan(25);
    }

    [Theory]
    [InlineData("syntax-error.js", "syntax-error.js:4:", "syntax error", false)]
    [InlineData("unsupported-module.js", "unsupported-module.js:1:1", "'k6/browser' is not supported", true)]
    [InlineData("unsupported-extension.js", "unsupported-extension.js:1:1", "'k6/x/kafka' is not supported", true)]
    [InlineData("unsupported-option.js", "unsupported-option.js:1:1", "'hosts' is not supported", true)]
    public async Task BadScript_FailsBeforeTheRunWithItsLocation(string script, string location, string message, bool pointsToTheTable)
    {
        var (exit, _, error, result) = await RunAsync(Corpus(script));

        exit.ShouldBe(ExitCodes.BadInput);
        result.ShouldBeNull();
        error.ShouldContain(location);
        error.ShouldContain(message);
        error.Contains("k6-compatibility", StringComparison.Ordinal).ShouldBe(pointsToTheTable);
        error.ShouldNotContain("   at ");
    }
}

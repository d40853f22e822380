using Stampede.Cli.Tests.Dashboard;
using Stampede.Cli.Tests.Support;
using Stampede.DemoTarget;

namespace Stampede.Cli.Tests.Commands;

public sealed class ControlCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stampede-control-");
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Control_Stop_WithThePrintedAddress_StopsTheRunAndSaysWhy()
    {
        var run = await DashboardRun.StartAsync("run", "--url", new Uri(_target.BaseAddress, "api/health").ToString(), "--vus", "1", "--duration", "30s", "--think", "50ms");
        var (exitCode, output, error) = await CommandTestBase.RunCliAsync("control", run.PageLink, "--stop");
        error.ShouldBeEmpty();
        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("stopping");
        (await run.EndAsync()).ShouldBe(ExitCodes.Failure);
        run.Host.Output.ShouldContain("Run stopped early: stopped from the dashboard");

        // The run's summary says so too; a second stop finds the run already stopping or gone.
        var (again, _, againError) = await CommandTestBase.RunCliAsync("control", run.PageLink, "--stop");
        again.ShouldBe(ExitCodes.Failure);
        againError.ShouldStartWith("error:");
    }

    [Fact]
    public async Task Control_WrongToken_IsRefusedWithExitOneAndTheRunGoesOn()
    {
        var run = await DashboardRun.StartAsync("run", "--url", new Uri(_target.BaseAddress, "api/health").ToString(), "--vus", "1", "--duration", "30s", "--think", "50ms");
        var (exitCode, _, error) = await CommandTestBase.RunCliAsync("control", run.Address.ToString(), "--token", "not-the-token", "--stop");
        exitCode.ShouldBe(ExitCodes.Failure);
        error.ShouldContain("refused (401)");
        run.Run.IsCompleted.ShouldBeFalse();
        (await CommandTestBase.RunCliAsync("control", run.PageLink, "--stop")).ExitCode.ShouldBe(ExitCodes.Ok);
        await run.EndAsync();
    }

    [Fact]
    public async Task Control_RateOnAnArrivalRateRun_ChangesTheRateAndVusIsRefusedThere()
    {
        var run = await DashboardRun.StartAsync("run", "--url", new Uri(_target.BaseAddress, "api/health").ToString(), "--rate", "5", "--duration", "30s", "--out", "json=" + Path.Combine(_folder.FullName, "rate.json"));
        var (vus, _, vusError) = await CommandTestBase.RunCliAsync("control", run.PageLink, "--vus", "3");
        vus.ShouldBe(ExitCodes.Failure);
        vusError.ShouldContain("no scenario of this run has a VU count to change");
        var (rate, rateOut, _) = await CommandTestBase.RunCliAsync("control", run.PageLink, "--rate", "40");
        rate.ShouldBe(ExitCodes.Ok);
        rateOut.ShouldContain("rate: 40 iterations/s");
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await CommandTestBase.RunCliAsync("control", run.PageLink, "--pause")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await CommandTestBase.RunCliAsync("control", run.PageLink, "--pause")).ExitCode.ShouldBe(ExitCodes.Failure);
        (await CommandTestBase.RunCliAsync("control", run.PageLink, "--resume")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await CommandTestBase.RunCliAsync("control", run.PageLink, "--stop")).ExitCode.ShouldBe(ExitCodes.Ok);
        await run.EndAsync();

        var result = Stampede.Metrics.RunResultJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "rate.json")));
        result.Annotations.Select(a => a.Description).ShouldBe(["rate: 40/s", "pause: no new iterations", "resume", "stop: stopped from the dashboard"]);
        result.Annotations.ShouldAllBe(a => a.Kind == "control");

        // Three seconds at 40/s after a start at 5/s: far more than the plan's rate alone would have started.
        result.Scenarios.Single().Iterations.ShouldBeGreaterThan(60);
    }

    [Theory]
    [InlineData(new[] { "control", "http://127.0.0.1:5665/#token=abc" }, "say what to do")]
    [InlineData(new[] { "control", "http://127.0.0.1:5665/#token=abc", "--stop", "--pause" }, "one action at a time")]
    [InlineData(new[] { "control", "http://127.0.0.1:5665/", "--stop" }, "give the dashboard's token")]
    [InlineData(new[] { "control", "not a url", "--token", "abcdefgh", "--stop" }, "is not a dashboard address")]
    [InlineData(new[] { "control", "http://127.0.0.1:5665/#token=abc", "--ramp", "5", "--stop" }, "--ramp")]
    public async Task Control_BadArguments_ExitTwoWithWhatIsExpected(string[] args, string expected)
    {
        var (exitCode, _, error) = await CommandTestBase.RunCliAsync(args);
        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain(expected);
    }

    [Theory]
    [InlineData(new[] { "--dashboard", "dashboard.local:5665" }, "--dashboard")]
    [InlineData(new[] { "--dashboard-linger", "5m" }, "needs --dashboard")]
    [InlineData(new[] { "--dashboard", "--dashboard-linger", "soon" }, "--dashboard-linger")]
    [InlineData(new[] { "--dashboard", "--dashboard-token", "short" }, "at least 8 characters")]
    public async Task Run_BadDashboardOptions_ExitTwoBeforeAnythingRuns(string[] options, string expected)
    {
        var (exitCode, _, error) = await CommandTestBase.RunCliAsync(["run", "--url", new Uri(_target.BaseAddress, "api/health").ToString(), "--vus", "1", "--duration", "1s", "--no-history", .. options]);
        exitCode.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain(expected);
        error.ShouldNotContain("   at ");
    }
}

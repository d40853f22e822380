using System.Diagnostics;
using Shouldly;
using Stampede.Monitoring.Processes;
using Stampede.Plans.Monitoring;
using Xunit;

namespace Stampede.Tests.Monitoring.Processes;

public sealed class TargetProcessTests
{
    [Fact]
    public async Task StopAsync_ShellThatTrapsTerm_ExitsGracefullyBeforeTheKill()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "POSIX signals");
        var ct = TestContext.Current.CancellationToken;
        var marker = Path.Combine(Path.GetTempPath(), $"stampede-term-{Guid.NewGuid():N}");
        var target = new TargetProcess(new TargetPlan { Command = $"trap 'touch {marker}; exit 0' TERM; for i in $(seq 200); do sleep 0.05; done" }, TimeProvider.System);
        await target.StartAsync(ct);
        var pid = target.Pid.ShouldNotBeNull();
        await Task.Delay(200, ct);

        var watch = Stopwatch.StartNew();
        await target.DisposeAsync();

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
        File.Exists(marker).ShouldBeTrue();
        File.Delete(marker);
        Directory.Exists($"/proc/{pid}").ShouldBeFalse();
    }

    [Fact]
    public async Task StartAsync_CommandExitsBeforeReady_ThrowsWithItsOutput()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = new TargetProcess(
            new TargetPlan { Command = "echo booting; exit 3", Ready = new Uri("http://127.0.0.1:1/health") }, TimeProvider.System);

        var error = await Should.ThrowAsync<TargetStartException>(() => target.StartAsync(ct));

        error.Message.ShouldContain("exited with code 3");
        error.Message.ShouldContain("booting");
    }

    [Fact]
    public async Task StartAsync_NeverReady_TimesOutWithAClearError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = new TargetProcess(
            new TargetPlan { Command = "sleep 30", Ready = new Uri("http://127.0.0.1:1/health"), ReadyTimeout = TimeSpan.FromMilliseconds(300) }, TimeProvider.System);

        var error = await Should.ThrowAsync<TargetStartException>(() => target.StartAsync(ct));

        error.Message.ShouldStartWith("target not ready: http://127.0.0.1:1/health did not answer 200 within 300ms");
    }
}

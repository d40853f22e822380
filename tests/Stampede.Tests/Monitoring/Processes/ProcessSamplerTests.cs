using System.Diagnostics;
using Shouldly;
using Stampede.Metrics;
using Stampede.Monitoring.Processes;
using Xunit;

namespace Stampede.Tests.Monitoring.Processes;

public sealed class ProcessSamplerTests
{
    [Fact]
    public async Task Sample_ShellWithAChild_RecordsTheTreesResources()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc sampling is Linux only");
        var ct = TestContext.Current.CancellationToken;
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 30 & wait" } })!;
        try
        {
            var registry = new MetricRegistry();
            var sampler = new ProcessSampler(() => shell.Id, registry, TimeProvider.System);
            await Task.Delay(200, ct);   // let the shell fork its child

            sampler.Sample().ShouldBeTrue();
            await Task.Delay(200, ct);
            sampler.Sample().ShouldBeTrue();
            registry.Collect();

            Stats(registry, "target_rss_bytes").Min.ShouldBeGreaterThan(100_000);
            Stats(registry, "target_threads").Max.ShouldBeGreaterThanOrEqualTo(2);   // the shell and its sleeping child
            Stats(registry, "target_open_fds").Min.ShouldBeGreaterThanOrEqualTo(3);
            Stats(registry, "target_cpu_percent").Count.ShouldBe(1);                 // CPU needs two samples
            Stats(registry, "target_cpu_percent").Max.ShouldBeLessThan(50);
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void Sample_NoProcess_RecordsNothing()
    {
        var registry = new MetricRegistry();

        new ProcessSampler(() => null, registry, TimeProvider.System).Sample().ShouldBeFalse();
        registry.Collect();

        Stats(registry, "target_rss_bytes").Count.ShouldBe(0);
    }

    private static TrendStats Stats(MetricRegistry registry, string name) => registry.SeriesOf(name).Cast<TrendSeries>().Single().Stats;
}

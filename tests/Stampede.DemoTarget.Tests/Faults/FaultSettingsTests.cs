using Microsoft.AspNetCore.Http;
using Shouldly;
using Stampede.DemoTarget.Faults;

namespace Stampede.DemoTarget.Tests.Faults;

public class FaultSettingsTests
{
    private static readonly FaultSettings Defaults = FaultSettings.From(new DemoTargetOptions { ErrorRate = 0.1 });

    [Fact]
    public void WithOverrides_HeadersAndQuery_Applied()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Fault-Latency"] = "150";
        context.Request.Headers["X-Fault-Drop-Rate"] = "0.5";
        context.Request.QueryString = new QueryString("?fault-stall-for=100&fault-stall-every=1000&fault-slow-body=512");

        var faults = Defaults.WithOverrides(context.Request);

        faults.AddedLatency.ShouldBe(TimeSpan.FromMilliseconds(150));
        faults.DropRate.ShouldBe(0.5);
        faults.ErrorRate.ShouldBe(0.1);
        faults.StallFor.ShouldBe(TimeSpan.FromMilliseconds(100));
        faults.StallEvery.ShouldBe(TimeSpan.FromSeconds(1));
        faults.SlowBodyBytesPerSecond.ShouldBe(512);
    }

    [Fact]
    public void WithOverrides_InvalidValues_KeepServerSettings()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Fault-Error-Rate"] = "2";
        context.Request.Headers["X-Fault-Latency"] = "soon";

        var faults = Defaults.WithOverrides(context.Request);

        faults.ShouldBe(Defaults);
    }

    [Fact]
    public void WithOverrides_NoFaultInput_ReturnsSameInstance()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["Accept"] = "application/json";

        Defaults.WithOverrides(context.Request).ShouldBeSameAs(Defaults);
    }
}

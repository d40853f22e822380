using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Observability;

[Collection(QuietCollection.Name)]
public class MetricsEndpointsIdleTests
{
    [Fact]
    public async Task BackendLoopHz_Idle_NearOneHundred()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);
        using var client = DemoTargetFixture.CreateClient(server);

        // The first value is only reported after a whole one-second window.
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var body = await client.GetStringAsync("metrics");

        MetricsEndpointsTests.Value(body, "backend_loop_hz").ShouldBeInRange(80, 110);
    }
}

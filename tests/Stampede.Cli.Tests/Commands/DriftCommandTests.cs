using Stampede.Cli.Tests.Support;

namespace Stampede.Cli.Tests.Commands;

public sealed class DriftCommandTests : CommandTestBase
{
    [Fact]
    public async Task Drift_RisingLatencyWithFailOnDrift_Exits98WithTheSlope()
    {
        var file = WriteResult("soak.json", SyntheticRuns.Run(seed: 1, seconds: 1200, slopePerSecond: 0.1));

        var (exitCode, output, _) = await RunCliAsync("drift", file, "--metric", "http_req_duration:p95", "--fail-on-drift");

        exitCode.ShouldBe(ExitCodes.RegressionFound);
        output.ShouldContain("http_req_duration:p95: drift of +");
        output.ShouldContain("ms per hour");
    }

    [Fact]
    public async Task Drift_SteadyRunWithMemory_Exits0AndJudgesMemoryToo()
    {
        var file = WriteResult("soak.json", SyntheticRuns.WithMemory(SyntheticRuns.Run(seed: 2, seconds: 1200), seed: 2, bytesPerSecond: 0));

        var (exitCode, output, _) = await RunCliAsync("drift", file, "--fail-on-drift");

        exitCode.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("http_req_duration:p95: no drift");
        output.ShouldContain("process_resident_memory_bytes:value: no drift");
    }
}

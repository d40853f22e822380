using System.Globalization;
using System.Text.RegularExpressions;
using Stampede.Cli.Tests.Support;
using Stampede.DemoTarget;

namespace Stampede.Cli.Tests.Commands;

/// <summary><c>stampede plan-capacity</c> calibrating a real plan against the demo target on loopback.</summary>
public sealed partial class PlanCapacityCommandTests : CommandTestBase, IAsyncLifetime
{
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    private string WritePlan()
    {
        var path = PathFor("plan.yaml");
        File.WriteAllText(path, """
            name: sized
            baseUrl: ${BASE_URL}
            scenarios:
              browse:
                executor: constant-vus
                vus: 100
                duration: 10m
                flow:
                  - get: /api/health
                    check: { status: 200 }
                  - think: 10ms
            """);
        return path;
    }

    [Fact]
    public async Task PlanCapacity_AgainstTheDemoTarget_PrintsAPlanOfPositiveNumbersAndTheRenderCommand()
    {
        var plan = WritePlan();
        var baseUrl = _target.BaseAddress.ToString().TrimEnd('/');

        var (exit, output, error) = await RunCliAsync("plan-capacity", plan, "--target-vus", "5000", "--calibrate-vus", "2", "--calibrate-for", "3s", "-e", $"BASE_URL={baseUrl}")
            .WaitAsync(TimeSpan.FromSeconds(60));

        exit.ShouldBe(ExitCodes.Ok, error + output);
        var workers = Number(Workers(), output);
        workers.ShouldBeGreaterThanOrEqualTo(1);
        Number(VusEach(), output).ShouldBeGreaterThan(0);
        Number(VusEach(), output).ShouldBeLessThanOrEqualTo(5000);
        (workers * Number(VusEach(), output)).ShouldBeGreaterThanOrEqualTo(5000);
        Number(Cores(), output).ShouldBeGreaterThan(0);
        Number(Memory(), output).ShouldBeGreaterThan(0);
        Number(CpuPerVu(), output).ShouldBeGreaterThan(0);
        output.ShouldContain($"stampede k8s render plan.yaml --workers {workers}");
        output.ShouldContain("k8s requests:   cpu 1, memory ");
    }

    [Fact]
    public async Task PlanCapacity_NoTargetVus_IsBadInputNamingTheOption()
    {
        var (exit, _, error) = await RunCliAsync("plan-capacity", WritePlan(), "--target-vus", "0", "--headroom", "0.5");

        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--target-vus");
        error.ShouldContain("--headroom");
    }

    private static double Number(Regex pattern, string text)
    {
        var match = pattern.Match(text);
        match.Success.ShouldBeTrue(text);
        return double.Parse(match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"workers:\s+(?<n>[\d,]+),")]
    private static partial Regex Workers();

    [GeneratedRegex(@", (?<n>[\d,]+) VUs each")]
    private static partial Regex VusEach();

    [GeneratedRegex(@"CPU:\s+(?<n>[\d.]+) cores in all")]
    private static partial Regex Cores();

    [GeneratedRegex(@"memory:\s+(?<n>[\d,]+) MiB in all")]
    private static partial Regex Memory();

    [GeneratedRegex(@"CPU per VU:\s+(?<n>[\d.]+)%")]
    private static partial Regex CpuPerVu();
}

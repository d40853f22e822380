using System.Diagnostics;
using Shouldly;
using Stampede.Cli;
using Stampede.Metrics;
using Xunit;

namespace Stampede.EndToEnd.Tests;

/// <summary>The real `stampede` process: signals and exit codes as a shell or CI sees them.</summary>
public sealed class ProcessTests : IAsyncLifetime
{
    private TargetServer _target = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-proc-").FullName;

    public async ValueTask InitializeAsync() => _target = await TargetServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static Process Start(params string[] args) =>
        CliProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Stampede.Cli.dll"), .. args]);

    [Fact]
    public async Task Sigterm_MidRun_WritesACompleteJsonResultAndSummary()
    {
        var json = Path.Combine(_folder, "sigterm.json");
        using var process = Start("run", "--url", _target.Url("slow/10"), "--vus", "3", "--duration", "2m", "--out", $"json={json}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_target.Requests < 30)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the run never got going");
            await Task.Delay(50);
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(ExitCodes.Failure, await stderr);
        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(json));
        result.Meta.StopReason.ShouldBe("terminated (SIGTERM)");
        result.Metric("http_reqs")!.Values.Count!.Value.ShouldBeGreaterThanOrEqualTo(30);
        result.Metric("http_req_duration")!.Histogram.ShouldNotBeNullOrEmpty();
        (await stdout).ShouldContain("http_reqs");
        File.Exists(json + ".partial").ShouldBeFalse();
    }

    [Fact]
    public async Task Help_ExplainsEveryRunOption()
    {
        using var process = Start("run", "--help");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(0);
        foreach (var option in new[] { "--vus", "--duration", "--iterations", "--stage", "--rate", "--env", "--out", "--threshold", "--quiet", "--no-color", "--url" })
        {
            output.ShouldContain(option);
        }
    }
}

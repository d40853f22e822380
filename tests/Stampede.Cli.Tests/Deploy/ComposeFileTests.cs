using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Stampede.Cli.Tests.Deploy;

/// <summary>
/// deploy/compose.yaml and deploy/prometheus.yml: the compose file is YAML whose Stampede services run command lines
/// the real CLI parser accepts, wired to each other as the coordinator and the workers expect, and the Prometheus
/// configuration is one promtool accepts, scraping what the compose file serves.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "deploy");

    [Fact]
    public void Compose_EveryStampedeService_RunsACommandLineTheCliParses()
    {
        var services = Services();

        services.Keys.ShouldBe(["target", "coordinator", "worker", "prometheus"], ignoreOrder: true);
        foreach (var name in new[] { "target", "coordinator", "worker" })
        {
            var args = Command(services[name]);
            var parse = StampedeCli.CreateRootCommand(new TestConsoleHost()).Parse(args);
            parse.Errors.Select(e => e.Message).ShouldBeEmpty($"{name}: stampede {string.Join(' ', args)}");
            parse.CommandResult.Command.Name.ShouldBe(name == "coordinator" ? "coordinate" : name);
            ((YamlMappingNode)services[name]).Children.Keys.ShouldContain(new YamlScalarNode("<<"), $"{name} runs the stampede image with its security settings");
        }
    }

    [Fact]
    public void Compose_Services_AreWiredToEachOther()
    {
        var services = Services();
        var target = Command(services["target"]);
        var coordinator = Command(services["coordinator"]);
        var worker = Command(services["worker"]);

        // The coordinator's plan is one of the examples it mounts, aimed at the target service's port.
        var plan = coordinator[1];
        plan.ShouldStartWith("/plans/");
        File.Exists(Path.Combine(RepositoryRoot(), "examples", plan["/plans/".Length..])).ShouldBeTrue(plan);
        coordinator.ShouldContain($"BASE_URL=http://target:{ValueAfter(target, "--port")}");

        // Workers find the coordinator where it listens, and as many start as it waits for.
        worker.ShouldContain($"http://coordinator:{ValueAfter(coordinator, "--port")}");
        ValueAfter(coordinator, "--listen").ShouldBe("0.0.0.0");
        var replicas = Substitute(((YamlScalarNode)services["worker"]["deploy"]["replicas"]).Value!);
        ValueAfter(coordinator, "--workers").ShouldBe(replicas);

        // Prometheus scrapes the port each worker serves its metrics on.
        worker.ShouldContain("prometheus=0.0.0.0:9464");
        var prometheus = File.ReadAllText(Path.Combine(Folder, "prometheus.yml"));
        prometheus.ShouldContain("port: 9464");
        prometheus.ShouldContain($"\"target:{ValueAfter(target, "--port")}\"");
    }

    [Fact]
    public async Task PrometheusConfig_IsOnePromtoolAccepts()
    {
        var start = new ProcessStartInfo("promtool", ["check", "config", Path.Combine(Folder, "prometheus.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(0, await stdout + await stderr);
        (await stdout + await stderr).ShouldContain("SUCCESS");
    }

    private static Dictionary<string, YamlNode> Services()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, "compose.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        return ((YamlMappingNode)root["services"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => p.Value);
    }

    /// <summary>A service's command as compose hands it to the image's entry point, with variables at their defaults.</summary>
    private static string[] Command(YamlNode service) =>
        [.. ((YamlSequenceNode)service["command"]).Children.Select(n => Substitute(((YamlScalarNode)n).Value!))];

    private static string Substitute(string text) => Variable().Replace(text, m => m.Groups["default"].Value);

    private static string ValueAfter(string[] args, string option) => args[Array.IndexOf(args, option) + 1];

    [GeneratedRegex(@"\$\{[A-Z_]+:-(?<default>[^}]*)\}")]
    private static partial Regex Variable();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Stampede.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Stampede.sln not found above the test binaries");
    }
}

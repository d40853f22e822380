using System.CommandLine;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using k8s.Models;
using Stampede.Cli.Commands;
using Stampede.Cli.Hosting;
using Stampede.K6;
using Stampede.Plans;

namespace Stampede.Cli.Kubernetes;

/// <summary>
/// The options <c>stampede k8s render</c> and <c>stampede k8s run</c> share, and how they become a
/// <see cref="K8sDeployment"/>: the plan is loaded (and refused when bad, exit 2) to size the workers.
/// </summary>
internal sealed partial class K8sOptions
{
    /// <summary>A ConfigMap holds at most 1 MiB, its keys included.</summary>
    private const int ConfigMapLimit = 1024 * 1024;

    private readonly Argument<string> _plan = new("plan") { Description = "The test plan file (YAML) or k6 script (.js)." };
    private readonly Option<int> _workers = new("--workers", "-w") { Description = "How many worker pods share the run; each runs 1/N of it.", Required = true };
    private readonly Option<string> _namespace = new("--namespace", "-n") { Description = "The namespace to run in.", DefaultValueFactory = _ => "default" };
    private readonly Option<string> _image = new("--image") { Description = "The Stampede container image the pods run (built from deploy/Dockerfile).", DefaultValueFactory = _ => "stampede:latest" };
    private readonly Option<string?> _name = new("--name") { Description = "The run's name, from which every object is named (default: from the plan's file name)." };
    private readonly Option<string?> _token = new("--token") { Description = "The token workers send the coordinator (default: a random one)." };
    private readonly Option<string[]> _data = new("--data") { Description = "A data file the plan reads, put beside it in the pods (its path relative to the plan's folder is kept). Repeatable." };
    private readonly Option<string[]> _env = new("--env", "-e") { Description = "An environment variable for the plan, KEY=VALUE. Repeatable." };
    private readonly Option<string?> _cpu = new("--cpu") { Description = "Each worker's CPU request (default 1)." };
    private readonly Option<string?> _cpuLimit = new("--cpu-limit") { Description = "Each worker's CPU limit (default none: a throttled generator reports its own delay as latency)." };
    private readonly Option<string?> _memory = new("--memory") { Description = "Each worker's memory request (default: from its VUs, 64Mi plus 20Ki a VU, 160Ki for k6 scripts)." };
    private readonly Option<string?> _memoryLimit = new("--memory-limit") { Description = "Each worker's memory limit (default: twice the plan's request, or the request given)." };
    private readonly Option<string> _joinTimeout = new("--join-timeout") { Description = "How long the coordinator waits for every worker pod to start and join.", DefaultValueFactory = _ => "5m" };

    public void AddTo(Command command)
    {
        command.Add(_plan);
        foreach (var option in new Option[] { _workers, _namespace, _image, _name, _token, _data, _env, _cpu, _cpuLimit, _memory, _memoryLimit, _joinTimeout })
        {
            command.Add(option);
        }
    }

    /// <summary>The deployment the options describe, or null with every problem in <paramref name="errors"/>.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="host">The process boundary, for the plan's environment.</param>
    /// <param name="uniqueName">Give a default name a random tail, so two runs of one plan do not collide (render keeps names stable).</param>
    /// <param name="errors">Where every problem goes.</param>
    public K8sDeployment? Read(ParseResult parse, IConsoleHost host, bool uniqueName, List<PlanError> errors)
    {
        var workers = parse.GetValue(_workers);
        if (workers is < 1 or > 1000)
        {
            errors.Add(new PlanError("--workers", $"expected 1 to 1,000 workers, got {workers}"));
        }

        var ns = parse.GetValue(_namespace)!;
        if (!DnsLabel().IsMatch(ns) || ns.Length > 63)
        {
            errors.Add(new PlanError("--namespace", $"'{ns}' is not a namespace name (lower-case letters, digits and '-', at most 63)"));
        }

        var file = parse.GetValue(_plan)!;
        var name = parse.GetValue(_name) ?? DefaultName(file, uniqueName);
        if (!DnsLabel().IsMatch(name) || name.Length > 40)
        {
            errors.Add(new PlanError("--name", $"'{name}' is not a run name (lower-case letters, digits and '-', at most 40: objects add '-coordinator' to it)"));
        }

        var overrides = new ResourceOverrides(
            Quantity(parse.GetValue(_cpu), "--cpu", errors),
            Quantity(parse.GetValue(_cpuLimit), "--cpu-limit", errors),
            Quantity(parse.GetValue(_memory), "--memory", errors),
            Quantity(parse.GetValue(_memoryLimit), "--memory-limit", errors));
        var join = TimeSpan.Zero;
        if (!Duration.TryParse(parse.GetValue(_joinTimeout), out join, out var durationError) || join <= TimeSpan.Zero)
        {
            errors.Add(new PlanError("--join-timeout", durationError ?? "expected a duration above zero, e.g. 5m"));
        }

        var env = parse.GetValue(_env) ?? [];
        var files = Files(file, parse.GetValue(_data) ?? [], errors);
        var plan = errors.Count == 0 ? LoadPlan(file, env, host, errors) : null;
        if (errors.Count > 0 || plan is null || files is null)
        {
            return null;
        }

        return new K8sDeployment
        {
            Name = name,
            Namespace = ns,
            Image = parse.GetValue(_image)!,
            Workers = workers,
            PlanFile = Path.GetFileName(file),
            Files = files,
            Resources = WorkerResources.For(plan, K6ScriptRun.IsScript(file), workers, overrides),
            Token = parse.GetValue(_token) is { Length: > 0 } token ? token : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Env = env,
            JoinTimeout = join,
        };
    }

    /// <summary>The plan and its data files, by their paths relative to the plan's folder; null when one cannot go.</summary>
    private static List<(string Path, byte[] Content)>? Files(string plan, IReadOnlyList<string> data, List<PlanError> errors)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(plan))!;
        var files = new List<(string Path, byte[] Content)>();
        foreach (var (path, option) in data.Select(d => (d, "--data")).Prepend((plan, "plan")))
        {
            var relative = Path.GetRelativePath(folder, Path.GetFullPath(path)).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                errors.Add(new PlanError(option, $"'{path}' is not in the plan's folder or below it: the pods see the plan's folder only", new SourceLocation(path)));
                continue;
            }

            try
            {
                files.Add((relative, File.ReadAllBytes(path)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                errors.Add(new PlanError(option, $"cannot read it: {exception.Message}", new SourceLocation(path)));
            }
        }

        var size = files.Sum(f => f.Content.Length + f.Path.Length);
        if (size > ConfigMapLimit)
        {
            errors.Add(new PlanError("--data", $"the plan and its files take {size / 1024} KiB, above the 1,024 KiB a ConfigMap holds: keep large data out of the plan's ConfigMap (e.g. in the image)"));
        }

        return errors.Count == 0 ? files : null;
    }

    private static TestPlan? LoadPlan(string file, IReadOnlyList<string> env, IConsoleHost host, List<PlanError> errors)
    {
        if (K6ScriptRun.IsScript(file))
        {
            using var script = K6ScriptLoader.Load(file, new K6LoadOptions { Env = HostEnvironment.From(host, env) });
            errors.AddRange(script.Errors);
            return script.Plan;
        }

        var load = PlanFile.Load(file, new RunSettings { Env = env }, host);
        errors.AddRange(load.Errors);
        if (load.Plan is { } plan)
        {
            errors.AddRange(plan.Validate());
        }

        return load.Plan;
    }

    private static string? Quantity(string? text, string option, List<PlanError> errors)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            _ = new ResourceQuantity(text).ToDecimal();
            return text;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
        {
            errors.Add(new PlanError(option, $"'{text}' is not a Kubernetes quantity (expected e.g. 500m, 2, 256Mi, 1Gi)"));
            return null;
        }
    }

    private static string DefaultName(string file, bool unique)
    {
        var stem = NotName().Replace(Path.GetFileNameWithoutExtension(file).ToLowerInvariant(), "-").Trim('-');
        var name = ("stampede-" + stem)[..Math.Min(unique ? 34 : 40, 9 + stem.Length)].TrimEnd('-');
        return unique ? $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))[..5]}" : name;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotName();
}

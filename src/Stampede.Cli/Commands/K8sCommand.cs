using System.CommandLine;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using Stampede.Cli.Hosting;
using Stampede.Cli.Kubernetes;
using Stampede.Cli.Outputs;
using Stampede.Outputs;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede k8s</c>: a coordinated run on Kubernetes. <c>render</c> prints the manifests (for GitOps and
/// <c>kubectl apply</c>); <c>run</c> applies them, follows the run, takes its merged result and cleans up.
/// </summary>
internal static class K8sCommand
{
    public static Command Create(IConsoleHost host) =>
        new("k8s", "Run a plan on Kubernetes: a coordinator and an Indexed Job of workers, each running a segment.")
        {
            Render(host),
            Run(host),
        };

    private static Command Render(IConsoleHost host)
    {
        var options = new K8sOptions();
        var command = new Command("render", "Print the manifests of a Kubernetes run (ConfigMap, Secret, coordinator Service and Job, workers' Indexed Job) as YAML.");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var errors = new List<PlanError>();
            var deployment = options.Read(parse, host, uniqueName: false, errors);
            if (deployment is null)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            host.Out.Write(ManifestYaml.Write(K8sManifests.Build(deployment)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Run(IConsoleHost host)
    {
        var options = new K8sOptions();
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "The kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then the pod's own service account in a cluster)." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use (default: its current one)." };
        var keep = new Option<bool>("--keep") { Description = "Keep the run's objects (Jobs, pods, Service, Secret, ConfigMap) afterwards, e.g. to read the pods' logs." };
        var outs = new Option<string[]>("--out", "-o") { Description = "Write the merged result, KIND=FILE: json, html, markdown, junit, csv, summary. Repeatable." };
        var noSummary = new Option<bool>("--no-summary") { Description = "Do not print the merged summary." };
        var command = new Command("run", "Run a plan on Kubernetes: create its objects, follow the coordinator, take the merged result, clean up.")
        {
            kubeconfig, context, keep, outs, noSummary,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<PlanError>();
            var writers = new List<(string Spec, IOutput Output)>();
            foreach (var spec in parse.GetValue(outs) ?? [])
            {
                if (SegmentMerge.ReportWriter(spec, json: true, errors) is { } writer)
                {
                    writers.Add((spec, writer));
                }
            }

            var deployment = options.Read(parse, host, uniqueName: true, errors);
            var config = errors.Count == 0 ? Connect(host, parse.GetValue(kubeconfig), parse.GetValue(context), errors) : null;
            if (deployment is null || config is null || errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            using var client = new k8s.Kubernetes(config);
            var run = new K8sRun(client, deployment, host, TimeSpan.FromSeconds(2));
            return await RunAsync(host, run, deployment, parse.GetValue(keep), writers, parse.GetValue(noSummary), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(IConsoleHost host, K8sRun run, K8sDeployment deployment, bool keep, List<(string Spec, IOutput Output)> writers, bool noSummary, CancellationToken cancellationToken)
    {
        try
        {
            var problems = await run.PreflightAsync(cancellationToken).ConfigureAwait(false);
            if (problems.Count > 0)
            {
                host.Error.WriteLine($"error: the run ({deployment.Workers} workers and a coordinator) cannot fit in namespace {deployment.Namespace}; nothing was created:");
                foreach (var problem in problems)
                {
                    host.Error.WriteLine($"  {problem}");
                }

                return ExitCodes.Failure;
            }
        }
        catch (HttpOperationException exception)
        {
            // Reading quotas may be forbidden where creating Jobs is not: the API server still enforces them.
            host.Error.WriteLine($"warning: cannot read the namespace's quotas ({(int)exception.Response.StatusCode}); going on without the check");
        }
        catch (HttpRequestException exception)
        {
            host.Error.WriteLine($"error: cannot reach the Kubernetes API: {exception.Message}");
            return ExitCodes.Failure;
        }

        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signal = host.OnStopSignal(reason =>
        {
            host.Error.WriteLine($"\nstopping: {reason}");
            interrupted.Cancel();
        });
        host.Error.WriteLine($"running {deployment.PlanFile} on Kubernetes as {deployment.Name} in namespace {deployment.Namespace}: {deployment.Workers} workers of {deployment.Resources.VusPerWorker} VUs at most, image {deployment.Image}");
        try
        {
            if (await run.CreateAsync(interrupted.Token).ConfigureAwait(false) is { } failure)
            {
                host.Error.WriteLine($"error: {failure}");
                return ExitCodes.Failure;
            }

            var outcome = await run.FollowAsync(interrupted.Token).ConfigureAwait(false);
            if (outcome.Result is not { } result)
            {
                host.Error.WriteLine($"error: {outcome.Error}");
                return ExitCodes.Failure;
            }

            var failures = new List<string>();
            foreach (var (spec, writer) in writers)
            {
                await new GuardedOutput(writer, spec, failures).EndAsync(result, CancellationToken.None).ConfigureAwait(false);
            }

            if (!noSummary)
            {
                await host.Out.WriteAsync(new ConsoleSummary(host.ColorAllowed).Render(result)).ConfigureAwait(false);
            }

            foreach (var line in failures)
            {
                host.Error.WriteLine($"error: {line}");
            }

            return failures.Count > 0 && outcome.ExitCode == ExitCodes.Ok ? ExitCodes.Failure : outcome.ExitCode;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            host.Error.WriteLine("error: stopped before the run ended; no result");
            return ExitCodes.Failure;
        }
        catch (HttpOperationException exception)
        {
            host.Error.WriteLine($"error: the Kubernetes API answered {(int)exception.Response.StatusCode} {exception.Response.ReasonPhrase}: {exception.Response.Content}");
            return ExitCodes.Failure;
        }
        catch (HttpRequestException exception)
        {
            host.Error.WriteLine($"error: cannot reach the Kubernetes API: {exception.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            if (keep)
            {
                host.Error.WriteLine($"kept the run's objects: kubectl get all,configmap,secret -n {deployment.Namespace} -l app.kubernetes.io/instance={deployment.Name}");
            }
            else
            {
                await run.CleanUpAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The cluster's address and credentials: the kubeconfig given, KUBECONFIG, ~/.kube/config, or the pod's own.</summary>
    private static KubernetesClientConfiguration? Connect(IConsoleHost host, string? file, string? context, List<PlanError> errors)
    {
        var home = host.GetEnvironmentVariable("HOME");
        var path = file
            ?? host.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator).FirstOrDefault(p => p.Length > 0)
            ?? (home is null ? null : Path.Combine(home, ".kube", "config"));
        try
        {
            if (path is not null && (file is not null || File.Exists(path)))
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context);
            }

            if (host.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null)
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }

            errors.Add(new PlanError("--kubeconfig", "no kubeconfig found (give --kubeconfig, set KUBECONFIG, or write ~/.kube/config)"));
        }
        catch (Exception exception) when (exception is KubeConfigException or IOException or UnauthorizedAccessException or FormatException or YamlDotNet.Core.YamlException)
        {
            errors.Add(new PlanError("--kubeconfig", $"cannot use it: {exception.Message}", path is null ? null : new SourceLocation(path)));
        }

        return null;
    }
}

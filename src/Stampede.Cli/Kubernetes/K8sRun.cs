using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Stampede.Cli.Commands;
using Stampede.Cli.Hosting;
using Stampede.Metrics;

namespace Stampede.Cli.Kubernetes;

/// <summary>
/// One run on a cluster, from the quota check to the clean-up: creates the run's objects, follows the coordinator's
/// log (its progress lines, and at the end the merged result it prints with <c>--result-log</c>), reports pods that
/// cannot start, and deletes everything it made unless told to keep it.
/// </summary>
/// <param name="client">The cluster's API.</param>
/// <param name="run">What to create.</param>
/// <param name="host">The process boundary: progress on stderr, the clock.</param>
/// <param name="pollEvery">How often the Jobs and pods are read.</param>
internal sealed class K8sRun(IKubernetes client, K8sDeployment run, IConsoleHost host, TimeSpan pollEvery)
{
    /// <summary>Reasons a container waits that will not pass by waiting longer.</summary>
    private static readonly HashSet<string> Stuck = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError"];

    private readonly HashSet<string> _reported = [];

    /// <summary>What came of the run: the merged result (null when none came), the coordinator's exit code, or why it failed.</summary>
    public sealed record Outcome(RunResult? Result, int ExitCode, string? Error);

    /// <summary>Why the run cannot fit in its namespace's quotas; empty when it can.</summary>
    public async Task<IReadOnlyList<string>> PreflightAsync(CancellationToken cancellationToken)
    {
        var quotas = await client.CoreV1.ListNamespacedResourceQuotaAsync(run.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return QuotaPreflight.Check(run, [.. quotas.Items]);
    }

    /// <summary>Creates the objects in order; a failure names the object and what the API server said.</summary>
    public async Task<string?> CreateAsync(CancellationToken cancellationToken)
    {
        foreach (var item in K8sManifests.Build(run))
        {
            try
            {
                _ = item switch
                {
                    V1ConfigMap c => (object)await client.CoreV1.CreateNamespacedConfigMapAsync(c, run.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false),
                    V1Secret s => await client.CoreV1.CreateNamespacedSecretAsync(s, run.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false),
                    V1Service s => await client.CoreV1.CreateNamespacedServiceAsync(s, run.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false),
                    V1Job j => await client.BatchV1.CreateNamespacedJobAsync(j, run.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false),
                    _ => throw new InvalidOperationException($"no create call for {item.Kind}"),
                };
                host.Error.WriteLine($"created {item.Kind.ToLowerInvariant()}/{item.Metadata.Name}");
            }
            catch (HttpOperationException exception)
            {
                return $"cannot create {item.Kind.ToLowerInvariant()}/{item.Metadata.Name} in namespace {run.Namespace}: {Said(exception)}";
            }
        }

        return null;
    }

    /// <summary>Follows the run until the coordinator's pod ends; its log's lines go to stderr as they come.</summary>
    public async Task<Outcome> FollowAsync(CancellationToken cancellationToken)
    {
        var since = host.Time.GetUtcNow();
        string? resultLine = null;
        Task? reading = null;
        var lastWorkers = "";
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                var pods = (await client.CoreV1.ListNamespacedPodAsync(run.Namespace, labelSelector: Selector(null), cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
                foreach (var line in StuckPods(pods))
                {
                    host.Error.WriteLine(line);
                }

                var coordinator = pods.FirstOrDefault(p => p.Metadata.Labels is { } labels && labels.TryGetValue("app.kubernetes.io/component", out var component) && component == "coordinator");
                if (reading is null && coordinator?.Status?.Phase is "Running" or "Succeeded" or "Failed")
                {
                    var name = coordinator.Metadata.Name;
                    reading = Task.Run(async () => resultLine = await ReadLogAsync(name, stopReading.Token).ConfigureAwait(false), CancellationToken.None);
                }

                var workers = await client.BatchV1.ReadNamespacedJobAsync(run.WorkersName, run.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                var state = $"workers: {workers.Status?.Active ?? 0} running, {workers.Status?.Succeeded ?? 0} done, {workers.Status?.Failed ?? 0} failed of {run.Workers}";
                if (state != lastWorkers)
                {
                    host.Error.WriteLine(state);
                    lastWorkers = state;
                }

                if (coordinator?.Status?.Phase is "Succeeded" or "Failed")
                {
                    if (reading is not null)
                    {
                        await reading.ConfigureAwait(false);
                    }

                    // A log stream cut short would lose the result: read the whole log once more for it.
                    resultLine ??= await ReadLogAsync(coordinator.Metadata.Name, cancellationToken, follow: false, echo: false).ConfigureAwait(false);
                    var exit = coordinator.Status.ContainerStatuses?.FirstOrDefault()?.State?.Terminated?.ExitCode ?? ExitCodes.Failure;
                    return resultLine is null
                        ? new Outcome(null, ExitCodes.Failure, $"the coordinator ended (exit code {exit}) without a merged result")
                        : new Outcome(RunResultJson.Deserialize(resultLine[CoordinateCommand.ResultLogPrefix.Length..]), exit, null);
                }

                if (reading is null && host.Time.GetUtcNow() - since > run.JoinTimeout)
                {
                    return new Outcome(null, ExitCodes.Failure, $"the coordinator's pod did not start within {Plans.Duration.Format(run.JoinTimeout)}");
                }

                await Task.Delay(pollEvery, host.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Deletes what <see cref="CreateAsync"/> made, Jobs with their pods; what is already gone is no error.</summary>
    public async Task CleanUpAsync()
    {
        var background = new V1DeleteOptions { PropagationPolicy = "Background" };
        var deletions = new (string What, Func<Task> Delete)[]
        {
            ($"job/{run.WorkersName}", () => client.BatchV1.DeleteNamespacedJobAsync(run.WorkersName, run.Namespace, background)),
            ($"job/{run.CoordinatorName}", () => client.BatchV1.DeleteNamespacedJobAsync(run.CoordinatorName, run.Namespace, background)),
            ($"service/{run.CoordinatorName}", () => client.CoreV1.DeleteNamespacedServiceAsync(run.CoordinatorName, run.Namespace)),
            ($"secret/{run.SecretName}", () => client.CoreV1.DeleteNamespacedSecretAsync(run.SecretName, run.Namespace)),
            ($"configmap/{run.ConfigMapName}", () => client.CoreV1.DeleteNamespacedConfigMapAsync(run.ConfigMapName, run.Namespace)),
        };
        foreach (var (what, delete) in deletions)
        {
            try
            {
                await delete().ConfigureAwait(false);
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }
            catch (System.Text.Json.JsonException)
            {
                // Deleted; only the answer did not read as the type expected.
                continue;
            }
            catch (HttpOperationException exception)
            {
                host.Error.WriteLine($"warning: cannot delete {what}: {Said(exception)}; delete it with: kubectl delete {what} -n {run.Namespace}");
                continue;
            }
        }

        host.Error.WriteLine($"deleted the run's objects (label app.kubernetes.io/instance={run.Name})");
    }

    /// <summary>Copies the coordinator's log to stderr (all but the result line) and returns the result line, if any.</summary>
    private async Task<string?> ReadLogAsync(string pod, CancellationToken cancellationToken, bool follow = true, bool echo = true)
    {
        string? result = null;
        try
        {
            using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, run.Namespace, follow: follow, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(CoordinateCommand.ResultLogPrefix, StringComparison.Ordinal))
                {
                    result = line;
                }
                else if (echo)
                {
                    host.Error.WriteLine($"  {line}");
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpOperationException or HttpRequestException)
        {
            // The log is progress to show; the result is read again once the pod has ended.
        }

        return result;
    }

    private IEnumerable<string> StuckPods(IEnumerable<V1Pod> pods)
    {
        foreach (var pod in pods)
        {
            foreach (var status in pod.Status?.ContainerStatuses ?? [])
            {
                if (status.State?.Waiting is { Reason: { } reason } waiting && Stuck.Contains(reason) && _reported.Add($"{pod.Metadata.Name}/{reason}"))
                {
                    yield return $"warning: pod {pod.Metadata.Name} cannot start: {reason}{(waiting.Message is { Length: > 0 } m ? $" ({m})" : "")}";
                }
            }
        }
    }

    private string Selector(string? component) =>
        string.Join(",", K8sManifests.Selector(run, component).Select(l => $"{l.Key}={l.Value}"));

    private static string Said(HttpOperationException exception) =>
        $"{(int)exception.Response.StatusCode} {exception.Response.ReasonPhrase}{(exception.Response.Content is { Length: > 0 } body ? $": {body}" : "")}";
}

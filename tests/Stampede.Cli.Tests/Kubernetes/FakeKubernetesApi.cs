using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Stampede.Cli.Tests.Kubernetes;

/// <summary>
/// A stand-in for a Kubernetes API server on loopback (no real one can run here), speaking only the endpoints
/// <c>stampede k8s run</c> uses: create and delete ConfigMaps, Secrets, Services and Jobs, read Jobs, list pods and
/// ResourceQuotas, read a pod's log. Its "kubelet" runs each Job's pods as the real CLI in-process, with the
/// container's arguments and environment as the manifests give them: the plan's ConfigMap is written to a folder
/// that stands for <c>/plan</c>, and the coordinator's Service name and port become a free loopback port.
/// </summary>
internal sealed partial class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();
    private readonly ConcurrentDictionary<string, FakePod> _pods = new();
    private readonly DirectoryInfo _planFolder = Directory.CreateTempSubdirectory("stampede-fake-plan-");
    private readonly int _coordinatorPort = FreePort();

    private FakeKubernetesApi(WebApplication app) => _app = app;

    /// <summary>Every request that changed something, e.g. <c>POST configmaps/NAME</c>, <c>DELETE jobs/NAME</c>, in order.</summary>
    public ConcurrentQueue<string> Changes { get; } = new();

    /// <summary>The namespace's quotas, as the API server would list them.</summary>
    public List<JsonObject> Quotas { get; } = [];

    /// <summary>When set, pods are not run: they wait for ever with this reason (e.g. ImagePullBackOff).</summary>
    public string? PodsWaitWith { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.BaseAddress = new Uri(app.Urls.First());
        return api;
    }

    /// <summary>A kubeconfig that points at this server.</summary>
    public string WriteKubeconfig(string path)
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
                namespace: load
            current-context: fake
            users:
            - name: fake
              user:
                token: fake-token
            """);
        return path;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        var match = ApiPath().Match(path);
        if (!match.Success)
        {
            await Reply(context, 404, Status(404, $"no such endpoint {path}"));
            return;
        }

        var kind = match.Groups["kind"].Value;
        var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
        var key = $"{kind}/{name}";
        switch (context.Request.Method, name, match.Groups["log"].Success)
        {
            case ("GET", null, _) when kind == "resourcequotas":
                await Reply(context, 200, List("ResourceQuotaList", Quotas));
                return;
            case ("GET", null, _) when kind == "pods":
                var selector = (string?)context.Request.Query["labelSelector"] ?? "";
                await Reply(context, 200, List("PodList", _pods.Values.Where(p => p.Matches(selector)).Select(p => p.ToJson(PodsWaitWith))));
                return;
            case ("POST", null, _):
                var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
                var created = $"{kind}/{body["metadata"]!["name"]}";
                if (!_objects.TryAdd(created, body))
                {
                    await Reply(context, 409, Status(409, $"{created} already exists"));
                    return;
                }

                Changes.Enqueue($"POST {created}");
                if (kind == "jobs" && PodsWaitWith is null)
                {
                    StartPods(body);
                }
                else if (kind == "jobs")
                {
                    AddWaitingPods(body);
                }

                await Reply(context, 201, body);
                return;
            case ("GET", not null, false) when kind == "jobs" && _objects.TryGetValue(key, out var job):
                var pods = _pods.Values.Where(p => p.Job == name).ToList();
                var copy = job.DeepClone().AsObject();
                copy["status"] = new JsonObject
                {
                    ["active"] = pods.Count(p => !p.Ended),
                    ["succeeded"] = pods.Count(p => p.Ended && p.ExitCode == 0),
                    ["failed"] = pods.Count(p => p.Ended && p.ExitCode != 0),
                };
                await Reply(context, 200, copy);
                return;
            case ("GET", not null, true) when _pods.TryGetValue(name, out var pod):
                context.Response.ContentType = "text/plain";
                await pod.WriteLogAsync(context.Response.Body, follow: context.Request.Query["follow"] == "true", context.RequestAborted);
                return;
            case ("DELETE", not null, _) when _objects.TryRemove(key, out var deleted):
                Changes.Enqueue($"DELETE {key}");
                // The API server answers a Service's deletion with the Service, the others' with a Status.
                await Reply(context, 200, kind == "services" ? deleted : new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Status", ["status"] = "Success" });
                return;
            default:
                await Reply(context, 404, Status(404, $"{key} not found"));
                return;
        }
    }

    /// <summary>The "kubelet": each pod of the Job runs the real CLI with its container's arguments.</summary>
    private void StartPods(JsonObject job)
    {
        var jobName = (string)job["metadata"]!["name"]!;
        var spec = job["spec"]!;
        var completions = (int)spec["completions"]!;
        var podSpec = spec["template"]!["spec"]!;
        WritePlanFolder(podSpec);
        var container = podSpec["containers"]![0]!;
        for (var index = 0; index < completions; index++)
        {
            var env = Environment(container, index);
            var args = container["args"]!.AsArray().Select(a => Expand((string)a!, env)).ToArray();
            var host = new TestConsoleHost(env);
            var pod = new FakePod($"{jobName}-{index}-fake", jobName, Labels(spec["template"]!["metadata"]!["labels"]!), host);
            pod.Start(() => StampedeCli.RunAsync(args, host));
            _pods[pod.Name] = pod;
        }
    }

    private void AddWaitingPods(JsonObject job)
    {
        var jobName = (string)job["metadata"]!["name"]!;
        var spec = job["spec"]!;
        for (var index = 0; index < (int)spec["completions"]!; index++)
        {
            _pods[$"{jobName}-{index}-fake"] = new FakePod($"{jobName}-{index}-fake", jobName, Labels(spec["template"]!["metadata"]!["labels"]!), new TestConsoleHost());
        }
    }

    /// <summary>What the ConfigMap volume would show at /plan: each item's key written at its path.</summary>
    private void WritePlanFolder(JsonNode podSpec)
    {
        var volume = podSpec["volumes"]!.AsArray().Single(v => v!["configMap"] is not null)!["configMap"]!;
        var data = _objects[$"configmaps/{volume["name"]}"]["data"]!.AsObject();
        foreach (var item in volume["items"]!.AsArray())
        {
            var file = Path.Combine(_planFolder.FullName, (string)item!["path"]!);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, (string)data[(string)item["key"]!]!);
        }
    }

    /// <summary>The container's environment as the kubelet makes it: values, Secret keys, the completion index.</summary>
    private Dictionary<string, string> Environment(JsonNode container, int index)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in container["env"]?.AsArray() ?? [])
        {
            var name = (string)item!["name"]!;
            if (item["value"] is { } value)
            {
                env[name] = (string)value!;
            }
            else if (item["valueFrom"]!["secretKeyRef"] is { } secret)
            {
                env[name] = (string)_objects[$"secrets/{secret["name"]}"]["stringData"]![(string)secret["key"]!]!;
            }
            else if (((string?)item["valueFrom"]!["fieldRef"]?["fieldPath"])?.Contains("job-completion-index", StringComparison.Ordinal) == true)
            {
                env[name] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return env;
    }

    /// <summary>$(VAR) as the kubelet expands it, then this machine's stand-ins for the pod's paths and the Service's address.</summary>
    private string Expand(string arg, Dictionary<string, string> env)
    {
        var expanded = Variable().Replace(arg, m => env.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        expanded = Regex.Replace(expanded, "^http://[a-z0-9-]+-coordinator:6565$", $"http://127.0.0.1:{_coordinatorPort}");
        expanded = expanded == "6565" ? _coordinatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture) : expanded;
        expanded = expanded == "0.0.0.0" ? "127.0.0.1" : expanded;
        return expanded.StartsWith("/plan/", StringComparison.Ordinal) ? Path.Combine(_planFolder.FullName, expanded["/plan/".Length..]) : expanded;
    }

    private static Dictionary<string, string> Labels(JsonNode labels) =>
        labels.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);

    private static JsonObject List(string kind, IEnumerable<JsonObject> items) =>
        new() { ["apiVersion"] = "v1", ["kind"] = kind, ["metadata"] = new JsonObject(), ["items"] = new JsonArray([.. items.Select(i => i.DeepClone())]) };

    private static JsonObject Status(int code, string message) =>
        new() { ["apiVersion"] = "v1", ["kind"] = "Status", ["status"] = "Failure", ["message"] = message, ["code"] = code };

    private static async Task Reply(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_pods.Values.Select(p => p.Finished));
        await _app.DisposeAsync();
        _planFolder.Delete(recursive: true);
    }

    [GeneratedRegex("^/(?:api/v1|apis/batch/v1)/namespaces/[a-z0-9-]+/(?<kind>[a-z]+)(?:/(?<name>[a-z0-9-]+))?(?<log>/log)?$")]
    private static partial Regex ApiPath();

    [GeneratedRegex(@"\$\(([A-Z_]+)\)")]
    private static partial Regex Variable();

    /// <summary>One pod: the CLI run in-process, its log being what it wrote (stderr as it comes, stdout at the end).</summary>
    private sealed class FakePod(string name, string job, Dictionary<string, string> labels, TestConsoleHost host)
    {
        private Task<int>? _run;

        public string Name => name;

        public string Job => job;

        public bool Ended => _run?.IsCompleted == true;

        public int ExitCode => _run is { IsCompletedSuccessfully: true } run ? run.Result : 1;

        public Task Finished => _run ?? Task.CompletedTask;

        public void Start(Func<Task<int>> run) => _run = Task.Run(run);

        public bool Matches(string selector) =>
            selector.Split(',', StringSplitOptions.RemoveEmptyEntries).All(term => term.Split('=') is [var key, var value] && labels.GetValueOrDefault(key) == value);

        public JsonObject ToJson(string? waiting)
        {
            JsonObject state = _run is null
                ? new JsonObject { ["waiting"] = new JsonObject { ["reason"] = waiting, ["message"] = "Back-off pulling image" } }
                : Ended ? new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = ExitCode } }
                : new JsonObject { ["running"] = new JsonObject() };
            return new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject([.. labels.Select(l => new KeyValuePair<string, JsonNode?>(l.Key, l.Value))]) },
                ["status"] = new JsonObject
                {
                    ["phase"] = _run is null ? "Pending" : !Ended ? "Running" : ExitCode == 0 ? "Succeeded" : "Failed",
                    ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "stampede", ["imageID"] = "", ["ready"] = !Ended, ["restartCount"] = 0, ["state"] = state }),
                },
            };
        }

        public async Task WriteLogAsync(Stream body, bool follow, CancellationToken cancellationToken)
        {
            var sent = 0;
            while (follow && !Ended && !cancellationToken.IsCancellationRequested)
            {
                sent += await SendAsync(body, host.Errors, sent, cancellationToken);
                await Task.Delay(50, cancellationToken);
            }

            await SendAsync(body, host.Errors, sent, cancellationToken);
            await SendAsync(body, host.Output, 0, cancellationToken);
        }

        private static async Task<int> SendAsync(Stream body, string text, int from, CancellationToken cancellationToken)
        {
            // Whole lines only, as a container log is read.
            var end = text.LastIndexOf('\n') + 1;
            if (end <= from)
            {
                return 0;
            }

            await body.WriteAsync(Encoding.UTF8.GetBytes(text[from..end]), cancellationToken);
            await body.FlushAsync(cancellationToken);
            return end - from;
        }
    }
}

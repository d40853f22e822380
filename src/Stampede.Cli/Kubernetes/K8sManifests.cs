using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;

namespace Stampede.Cli.Kubernetes;

/// <summary>
/// The objects of a Kubernetes run, built with the client's typed models: a ConfigMap with the plan and its files, a
/// Secret with the token, the coordinator (a one-pod Job and its Service) and the workers (an Indexed Job whose
/// completion index is the segment each pod asks the coordinator for). Every pod runs as a non-root user on a
/// read-only root filesystem with every capability dropped.
/// </summary>
internal static class K8sManifests
{
    /// <summary>The user the pods run as: the image's own non-root user.</summary>
    public const long RunAsUser = 65532;

    private const string PlanMount = "/plan";

    /// <summary>The objects in the order they are applied: what a pod mounts or reaches exists before the pod.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(K8sDeployment run) =>
        [ConfigMap(run), Secret(run), CoordinatorService(run), CoordinatorJob(run), WorkersJob(run)];

    public static V1ConfigMap ConfigMap(K8sDeployment run)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        var binary = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, content) in run.Files)
        {
            if (IsText(content))
            {
                data[Key(path)] = Encoding.UTF8.GetString(content);
            }
            else
            {
                binary[Key(path)] = content;
            }
        }

        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Meta(run, run.ConfigMapName, component: null),
            Data = data,
            BinaryData = binary.Count > 0 ? binary : null,
        };
    }

    public static V1Secret Secret(K8sDeployment run) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = Meta(run, run.SecretName, component: null),
        Type = "Opaque",
        StringData = new Dictionary<string, string> { ["token"] = run.Token },
    };

    public static V1Service CoordinatorService(K8sDeployment run) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta(run, run.CoordinatorName, "coordinator"),
        Spec = new V1ServiceSpec
        {
            Selector = Selector(run, "coordinator"),
            Ports = [new V1ServicePort { Name = "coordination", Port = K8sDeployment.CoordinatorPort, TargetPort = K8sDeployment.CoordinatorPort }],
        },
    };

    public static V1Job CoordinatorJob(K8sDeployment run)
    {
        List<string> args =
        [
            "coordinate", $"{PlanMount}/{run.PlanFile}",
            "--workers", Invariant(run.Workers),
            "--listen", "0.0.0.0",
            "--port", Invariant(K8sDeployment.CoordinatorPort),
            "--token", "$(STAMPEDE_TOKEN)",
            "--join-timeout", $"{(int)Math.Ceiling(run.JoinTimeout.TotalSeconds)}s",
            "--no-summary",
            "--result-log",

            // The pod's root is read-only and gone after the run: the CLI that started the run has the result.
            "--no-history",
        ];
        foreach (var value in run.Env)
        {
            args.AddRange(["--env", value]);
        }

        var resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
            // Merging keeps every worker's histograms at once: room for many workers' results.
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("512Mi") },
        };
        return Job(run, run.CoordinatorName, "coordinator", completions: 1, indexed: false, Container(run, "coordinator", args, resources, []));
    }

    public static V1Job WorkersJob(K8sDeployment run)
    {
        List<string> args =
        [
            "worker",
            "--coordinator", $"http://{run.CoordinatorName}:{Invariant(K8sDeployment.CoordinatorPort)}",
            "--name", "w$(JOB_COMPLETION_INDEX)",
            "--index", "$(JOB_COMPLETION_INDEX)",
            // Workers may start before the coordinator's pod is ready: keep asking while it comes up.
            "--coordinator-timeout", "2m",
            "--result-file", "/tmp/stampede-worker.json",
            "--no-summary",
        ];
        var index = new V1EnvVar
        {
            Name = "JOB_COMPLETION_INDEX",
            ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
        };
        return Job(run, run.WorkersName, "worker", run.Workers, indexed: true, Container(run, "worker", args, run.Resources.ToRequirements(), [index]));
    }

    private static V1Job Job(K8sDeployment run, string name, string component, int completions, bool indexed, V1Container container) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = Meta(run, name, component),
        Spec = new V1JobSpec
        {
            Completions = completions,
            Parallelism = completions,
            CompletionMode = indexed ? "Indexed" : "NonIndexed",
            // A retried pod would join a run that has already started without it: a failure is final.
            BackoffLimit = 0,
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = Selector(run, component) },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    AutomountServiceAccountToken = false,
                    EnableServiceLinks = false,
                    SecurityContext = new V1PodSecurityContext
                    {
                        RunAsNonRoot = true,
                        RunAsUser = RunAsUser,
                        RunAsGroup = RunAsUser,
                        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                    },
                    Containers = [container],
                    Volumes =
                    [
                        new V1Volume
                        {
                            Name = "plan",
                            ConfigMap = new V1ConfigMapVolumeSource
                            {
                                Name = run.ConfigMapName,
                                Items = [.. run.Files.Select(f => new V1KeyToPath { Key = Key(f.Path), Path = f.Path })],
                            },
                        },
                        // The root filesystem is read-only: a worker writes its plan copy and its kept result here.
                        new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } },
                    ],
                },
            },
        },
    };

    private static V1Container Container(K8sDeployment run, string name, List<string> args, V1ResourceRequirements resources, List<V1EnvVar> env) => new()
    {
        Name = name,
        Image = run.Image,
        ImagePullPolicy = run.ImagePullPolicy,
        Args = args,
        // Data files are read from the current folder, where the ConfigMap puts them.
        WorkingDir = PlanMount,
        Env =
        [
            .. env,
            new V1EnvVar { Name = "STAMPEDE_TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = run.SecretName, Key = "token" } } },
        ],
        Ports = name == "coordinator" ? [new V1ContainerPort { Name = "coordination", ContainerPort = K8sDeployment.CoordinatorPort }] : null,
        Resources = resources,
        SecurityContext = new V1SecurityContext
        {
            AllowPrivilegeEscalation = false,
            ReadOnlyRootFilesystem = true,
            RunAsNonRoot = true,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
        },
        VolumeMounts =
        [
            new V1VolumeMount { Name = "plan", MountPath = PlanMount, ReadOnlyProperty = true },
            new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
        ],
    };

    private static V1ObjectMeta Meta(K8sDeployment run, string name, string? component) => new()
    {
        Name = name,
        NamespaceProperty = run.Namespace,
        Labels = component is null ? Selector(run, null) : Selector(run, component),
    };

    /// <summary>The labels that find a run's objects, and its pods of one kind.</summary>
    public static Dictionary<string, string> Selector(K8sDeployment run, string? component)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/name"] = "stampede",
            ["app.kubernetes.io/instance"] = run.Name,
        };
        if (component is not null)
        {
            labels["app.kubernetes.io/component"] = component;
        }

        return labels;
    }

    /// <summary>A ConfigMap key for a file's path: keys may not hold '/', so a file in a folder is keyed by its path with '/' as '__'.</summary>
    public static string Key(string path) => path.Replace("/", "__", StringComparison.Ordinal);

    private static bool IsText(byte[] content)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return !content.Contains((byte)0);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

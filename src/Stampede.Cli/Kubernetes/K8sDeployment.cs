namespace Stampede.Cli.Kubernetes;

/// <summary>
/// Everything a Kubernetes run of one plan is made of, before it becomes manifests: its name, where it runs, the plan
/// and its files, how many workers and what each may use.
/// </summary>
internal sealed record K8sDeployment
{
    /// <summary>The port the coordinator listens on in its pod, and its Service's.</summary>
    public const int CoordinatorPort = 6565;

    /// <summary>The run's name: every object is named from it (<c>NAME-plan</c>, <c>NAME-workers</c>, …).</summary>
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required string Image { get; init; }

    public required int Workers { get; init; }

    /// <summary>The plan's file name, as its ConfigMap key and in the coordinator's command line.</summary>
    public required string PlanFile { get; init; }

    /// <summary>The plan's text and its data files, by their path relative to the plan's folder.</summary>
    public required IReadOnlyList<(string Path, byte[] Content)> Files { get; init; }

    public required WorkerResources Resources { get; init; }

    /// <summary>The token workers send the coordinator, kept in the run's Secret.</summary>
    public required string Token { get; init; }

    /// <summary>The plan's <c>--env</c> values, KEY=VALUE, handed to the coordinator (which hands them on).</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>How long the coordinator waits for every worker's pod to be scheduled, pull the image and join.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public string ImagePullPolicy { get; init; } = "IfNotPresent";

    public string CoordinatorName => $"{Name}-coordinator";

    public string WorkersName => $"{Name}-workers";

    public string ConfigMapName => $"{Name}-plan";

    public string SecretName => $"{Name}-token";
}

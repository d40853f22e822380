using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;
using Stampede.Cli.Kubernetes;
using Stampede.Cli.Tests.Support;

namespace Stampede.Cli.Tests.Kubernetes;

/// <summary>
/// <c>stampede k8s render</c>: the manifests against a golden file, read back strictly through the client's typed
/// models (no API server can run here), and what they promise: security, resources, segments by completion index.
/// </summary>
public sealed partial class K8sRenderTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Kubernetes");
    private static readonly string Plan = Path.Combine(Folder, "plans", "checkout.yaml");
    private static readonly string Data = Path.Combine(Folder, "plans", "data", "users.csv");

    /// <summary>The golden command line, with any option in <paramref name="changes"/> (pairs of option and value) changed or added.</summary>
    private static string[] Render(params string[] changes)
    {
        var options = new List<(string Option, string Value)>
        {
            ("--workers", "4"), ("--token", "0123456789abcdef"), ("--data", Data), ("--namespace", "load"), ("--image", "registry.example/stampede:1.0"),
        };
        for (var i = 0; i < changes.Length; i += 2)
        {
            options.RemoveAll(o => o.Option == changes[i]);
            options.Add((changes[i], changes[i + 1]));
        }

        return ["k8s", "render", Plan, .. options.SelectMany(o => new[] { o.Option, o.Value })];
    }

    [Fact]
    public async Task Render_CheckoutPlan_PrintsTheGoldenManifests()
    {
        var (code, output, error) = await CommandTestBase.RunCliAsync(Render());

        error.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        // To change the manifests on purpose: run the same command in Kubernetes/plans and replace the golden file.
        output.ShouldBe(await File.ReadAllTextAsync(Path.Combine(Folder, "checkout.k8s.yaml")));
    }

    [Fact]
    public async Task Render_EveryDocument_ReadsBackIntoTheTypedModelsWithNoUnknownField()
    {
        var (_, output, _) = await CommandTestBase.RunCliAsync(Render());
        var documents = ManifestDocuments.Read(output);

        documents.Select(d => $"{d["apiVersion"]}/{d["kind"]}").ShouldBe(["v1/ConfigMap", "v1/Secret", "v1/Service", "batch/v1/Job", "batch/v1/Job"]);
        var configMap = ManifestDocuments.ConfigMap(documents[0]);
        var secret = ManifestDocuments.Secret(documents[1]);
        var service = ManifestDocuments.Service(documents[2]);
        var coordinator = ManifestDocuments.Job(documents[3]);
        var workers = ManifestDocuments.Job(documents[4]);
        foreach (var meta in new[] { configMap.Metadata, secret.Metadata, service.Metadata, coordinator.Metadata, workers.Metadata })
        {
            DnsLabel().IsMatch(meta.Name).ShouldBeTrue(meta.Name);
            meta.NamespaceProperty.ShouldBe("load");
        }

        configMap.Data.Keys.ShouldBe(["checkout.yaml", "data__users.csv"], ignoreOrder: true);
        configMap.Data["data__users.csv"].ShouldBe(await File.ReadAllTextAsync(Data));
        secret.StringData["token"].ShouldBe("0123456789abcdef");
        service.Spec.Selector.ShouldBe(coordinator.Spec.Template.Metadata.Labels);
        service.Spec.Ports.Single().Port.ShouldBe(K8sDeployment.CoordinatorPort);
    }

    [Fact]
    public async Task Render_Pods_RunAsNonRootOnAReadOnlyRootWithEveryCapabilityDropped()
    {
        var (_, output, _) = await CommandTestBase.RunCliAsync(Render());
        var jobs = ManifestDocuments.Read(output).Skip(3).Select(ManifestDocuments.Job).ToList();

        jobs.Count.ShouldBe(2);
        foreach (var pod in jobs.Select(j => j.Spec.Template.Spec))
        {
            pod.SecurityContext.RunAsNonRoot.ShouldBe(true);
            pod.SecurityContext.RunAsUser.ShouldBe(K8sManifests.RunAsUser);
            pod.SecurityContext.SeccompProfile.Type.ShouldBe("RuntimeDefault");
            pod.AutomountServiceAccountToken.ShouldBe(false);
            pod.RestartPolicy.ShouldBe("Never");
            var container = pod.Containers.Single();
            container.SecurityContext.ReadOnlyRootFilesystem.ShouldBe(true);
            container.SecurityContext.AllowPrivilegeEscalation.ShouldBe(false);
            container.SecurityContext.Capabilities.Drop.ShouldBe(["ALL"]);
            // The only writable place is the emptyDir at /tmp; the plan's folder is the read-only ConfigMap.
            container.VolumeMounts.Single(m => m.MountPath == "/tmp").Name.ShouldBe(pod.Volumes.Single(v => v.EmptyDir is not null).Name);
            container.VolumeMounts.Single(m => m.MountPath == "/plan").ReadOnlyProperty.ShouldBe(true);
        }
    }

    [Fact]
    public async Task Render_Workers_AreAnIndexedJobWhoseCompletionIndexIsTheSegmentAsked()
    {
        var (_, output, _) = await CommandTestBase.RunCliAsync(Render());
        var workers = ManifestDocuments.Job(ManifestDocuments.Read(output)[4]);

        workers.Spec.CompletionMode.ShouldBe("Indexed");
        workers.Spec.Completions.ShouldBe(4);
        workers.Spec.Parallelism.ShouldBe(4);
        workers.Spec.BackoffLimit.ShouldBe(0);
        var container = workers.Spec.Template.Spec.Containers.Single();
        var args = container.Args.ToList();
        args[args.IndexOf("--index") + 1].ShouldBe("$(JOB_COMPLETION_INDEX)");
        args[args.IndexOf("--coordinator") + 1].ShouldBe("http://stampede-checkout-coordinator:6565");
        container.Env.Single(e => e.Name == "JOB_COMPLETION_INDEX").ValueFrom.FieldRef.FieldPath.ShouldContain("job-completion-index");
        container.Env.Single(e => e.Name == "STAMPEDE_TOKEN").ValueFrom.SecretKeyRef.Name.ShouldBe("stampede-checkout-token");
        workers.Spec.Template.Spec.Volumes.Single(v => v.ConfigMap is not null).ConfigMap.Items
            .Select(i => (i.Key, i.Path)).ShouldBe([("checkout.yaml", "checkout.yaml"), ("data__users.csv", "data/users.csv")]);
    }

    [Fact]
    public async Task Render_Resources_ComeFromThePlansVusPerWorker()
    {
        var (_, output, _) = await CommandTestBase.RunCliAsync(Render("--workers", "1"));
        var resources = ManifestDocuments.Job(ManifestDocuments.Read(output)[4]).Spec.Template.Spec.Containers.Single().Resources;

        // One worker runs all 100 VUs: 64 + ceil(100 × 20 / 1024) = 66 MiB, limited at twice that; a core, no CPU limit.
        resources.Requests["memory"].ToString().ShouldBe("66Mi");
        resources.Limits["memory"].ToString().ShouldBe("132Mi");
        resources.Requests["cpu"].ToString().ShouldBe("1");
        resources.Limits.ContainsKey("cpu").ShouldBeFalse();
    }

    [Fact]
    public async Task Render_ResourceOptions_OverrideThePlans()
    {
        var (_, output, _) = await CommandTestBase.RunCliAsync(Render("--cpu", "1500m", "--cpu-limit", "2", "--memory", "1Gi"));
        var resources = ManifestDocuments.Job(ManifestDocuments.Read(output)[4]).Spec.Template.Spec.Containers.Single().Resources;

        resources.Requests["cpu"].ToString().ShouldBe("1500m");
        resources.Limits["cpu"].ToString().ShouldBe("2");
        resources.Requests["memory"].ToString().ShouldBe("1Gi");
        resources.Limits["memory"].ToString().ShouldBe("1Gi");
    }

    [Theory]
    [InlineData("--cpu", "lots", "--cpu: 'lots' is not a Kubernetes quantity")]
    [InlineData("--name", "Bad_Name", "--name: 'Bad_Name' is not a run name")]
    [InlineData("--namespace", "My NS", "--namespace: 'My NS' is not a namespace name")]
    [InlineData("--workers", "0", "--workers: expected 1 to 1,000 workers, got 0")]
    public async Task Render_BadOption_IsRefusedWithExitTwoAndTheOptionNamed(string option, string value, string message)
    {
        var (code, output, error) = await CommandTestBase.RunCliAsync(Render(option, value));

        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain(message);
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_DataFileOutsideThePlansFolder_IsRefused()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"stampede-outside-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(outside, "a\n1\n");
        try
        {
            var (code, _, error) = await CommandTestBase.RunCliAsync("k8s", "render", Plan, "--workers", "2", "--data", outside);

            code.ShouldBe(ExitCodes.BadInput);
            error.ShouldContain("is not in the plan's folder or below it");
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task Render_BadPlan_IsRefusedWithItsLocation()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-k8s-");
        try
        {
            var plan = Path.Combine(folder.FullName, "bad.yaml");
            await File.WriteAllTextAsync(plan, "name: bad\nscenarios:\n  s:\n    executor: constant-vus\n    vus: nope\n");

            var (code, output, error) = await CommandTestBase.RunCliAsync("k8s", "render", plan, "--workers", "2");

            code.ShouldBe(ExitCodes.BadInput);
            error.ShouldContain("bad.yaml:5:");
            output.ShouldBeEmpty();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ManifestJson_UnknownField_IsRefusedByTheStrictModels()
    {
        // What makes the read-back tests above strict: a field the models do not know fails, it is not dropped.
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize("""{"apiVersion":"batch/v1","kind":"Job","spec":{"completionsMode":"Indexed"}}""", K8sJsonContext.Default.V1Job));
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}

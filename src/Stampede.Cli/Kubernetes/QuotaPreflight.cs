using System.Globalization;
using k8s.Models;

namespace Stampede.Cli.Kubernetes;

/// <summary>
/// Whether a run fits in its namespace's ResourceQuotas, before anything is created: what the run's pods and objects
/// ask for against what each quota has left (hard less used). A quota on CPU or memory limits also makes every pod
/// state that limit, or the API server refuses it.
/// </summary>
internal static class QuotaPreflight
{
    /// <summary>Why the run cannot fit, one line per quota and resource; empty when it fits.</summary>
    public static IReadOnlyList<string> Check(K8sDeployment run, IReadOnlyList<V1ResourceQuota> quotas)
    {
        var pods = K8sManifests.Build(run).OfType<V1Job>()
            .SelectMany(j => Enumerable.Repeat(j.Spec.Template.Spec.Containers.Single().Resources, j.Spec.Completions ?? 1)).ToList();
        var needed = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["pods"] = pods.Count,
            ["count/jobs.batch"] = 2,
            ["count/configmaps"] = 1,
            ["configmaps"] = 1,
            ["count/secrets"] = 1,
            ["secrets"] = 1,
            ["count/services"] = 1,
            ["services"] = 1,
        };
        foreach (var resource in new[] { "cpu", "memory" })
        {
            needed[resource] = needed[$"requests.{resource}"] = pods.Sum(p => Value(p.Requests, resource));
            needed[$"limits.{resource}"] = pods.Sum(p => Value(p.Limits, resource));
        }

        var problems = new List<string>();
        foreach (var quota in quotas)
        {
            var hard = quota.Status?.Hard ?? quota.Spec?.Hard ?? new Dictionary<string, ResourceQuantity>();
            var used = quota.Status?.Used ?? new Dictionary<string, ResourceQuantity>();
            foreach (var (resource, limit) in hard.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                if (!needed.TryGetValue(resource, out var need))
                {
                    continue;
                }

                if (resource.StartsWith("limits.", StringComparison.Ordinal) && pods.Any(p => p.Limits?.ContainsKey(resource["limits.".Length..]) != true))
                {
                    problems.Add($"quota '{quota.Metadata.Name}' sets {resource}, so every pod must state one: give --{resource["limits.".Length..]}-limit");
                    continue;
                }

                var left = limit.ToDecimal() - (used.TryGetValue(resource, out var u) ? u.ToDecimal() : 0);
                if (need > left)
                {
                    problems.Add($"quota '{quota.Metadata.Name}': {resource}: the run needs {Format(resource, need)}, {Format(resource, Math.Max(left, 0))} of {Format(resource, limit.ToDecimal())} is left");
                }
            }
        }

        return problems;
    }

    private static decimal Value(IDictionary<string, ResourceQuantity>? values, string resource) =>
        values is not null && values.TryGetValue(resource, out var value) ? value.ToDecimal() : 0;

    private static string Format(string resource, decimal value) =>
        resource.EndsWith("memory", StringComparison.Ordinal) ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(value / (1024 * 1024))}Mi")
        : resource.EndsWith("cpu", StringComparison.Ordinal) ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(value, 3)} CPU")
        : value.ToString("0", CultureInfo.InvariantCulture);
}

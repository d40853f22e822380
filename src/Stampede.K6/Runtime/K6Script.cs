using System.Collections.Concurrent;
using Stampede.K6.Scripts;
using Stampede.Metrics;

namespace Stampede.K6.Runtime;

/// <summary>
/// A loaded script and what its VUs share: the parsed modules, the environment, the custom metrics its init
/// context defines, shared arrays, the options that shape requests. Disposing it ends every VU's thread.
/// </summary>
internal sealed class K6Script : IDisposable
{
    private readonly ConcurrentDictionary<int, VuRuntime> _runtimes = new();
    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);

    public K6Script(ScriptSources sources, IReadOnlyDictionary<string, string> env)
    {
        Sources = sources;
        Env = env;
    }

    public ScriptSources Sources { get; }

    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>Where <c>console.*</c> writes (the run's log).</summary>
    public Action<string, string> Log { get; init; } = (_, _) => { };

    /// <summary>Shared arrays by name: each element kept as JSON, built by the first VU that asks.</summary>
    public ConcurrentDictionary<string, string[]> SharedArrays { get; } = new(StringComparer.Ordinal);

    /// <summary>Request options from the script's <c>options</c> (user agent, discarded bodies, …).</summary>
    public K6RequestOptions Requests { get; set; } = new();

    /// <summary>The setup function's result as JSON, handed to every VU and to teardown.</summary>
    public string? SetupJson { get; set; }

    /// <summary>The custom metrics defined so far (by the init context that read the options, then by the VUs').</summary>
    public IReadOnlyCollection<Metric> CustomMetrics => (IReadOnlyCollection<Metric>)_metrics.Values;

    public Metric DefineMetric(Metric metric) => _metrics.GetOrAdd(metric.Name, metric);

    /// <summary>How many VUs have a runtime (k6's <c>instance.vusInitialized</c>): the one that read the options is not a VU.</summary>
    public int VusInitialized => _runtimes.Count - (_runtimes.ContainsKey(0) ? 1 : 0);

    /// <summary>
    /// Runs the init context of VUs 1 to <paramref name="vus"/> before the test starts, as k6 does, each on its own
    /// thread and at most one per processor at a time, so the first iterations do not pay for it.
    /// </summary>
    public Task InitializeAsync(int vus, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(1, vus),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                var runtime = RuntimeFor(id);
                await runtime.RunAsync(() =>
                {
                    try
                    {
                        runtime.Init();
                    }
                    catch (Jint.Runtime.JavaScriptException exception)
                    {
                        throw new K6ScriptException(exception);
                    }
                }).ConfigureAwait(false);
            });

    /// <summary>Each scenario's executor type, by scenario name (for <c>k6/execution</c>).</summary>
    public IReadOnlyDictionary<string, string> Executors { get; set; } = new Dictionary<string, string>();

    public string ExecutorOf(string scenario) => Executors.GetValueOrDefault(scenario, "");

    /// <summary>The runtime of VU <paramref name="vuId"/> (0: the one that reads options, then runs setup and teardown), made on first use.</summary>
    public VuRuntime RuntimeFor(int vuId) => _runtimes.GetOrAdd(vuId, id => new VuRuntime(this, id));

    public void Dispose()
    {
        foreach (var runtime in _runtimes.Values)
        {
            runtime.Dispose();
        }
    }
}

/// <summary>What k6's options say about every request.</summary>
internal sealed record K6RequestOptions
{
    public string? UserAgent { get; init; }

    public bool DiscardResponseBodies { get; init; }

    /// <summary>Keep the VU's cookies across iterations (k6 empties the jar at the start of each one).</summary>
    public bool NoCookiesReset { get; init; }
}

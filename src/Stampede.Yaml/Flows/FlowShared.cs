using Stampede.Metrics;
using Stampede.Yaml.Data;
using Stampede.Yaml.Templates;

namespace Stampede.Yaml.Flows;

/// <summary>What every iteration of a YAML plan shares: data sources, named templates (<c>vars:</c>), the environment and the clock.</summary>
internal sealed class FlowShared(
    IReadOnlyDictionary<string, DataSource> data,
    IReadOnlyDictionary<string, TextTemplate> vars,
    IReadOnlyDictionary<string, string> env,
    TimeProvider time,
    QuestionSource? questions)
{
    /// <summary>Retries are counted apart from requests so a retried failure still shows in http_req_failed.</summary>
    public static readonly Metric Retries = new("http_req_retries", MetricKind.Counter);

    public IReadOnlyDictionary<string, DataSource> Data { get; } = data;

    public IReadOnlyDictionary<string, TextTemplate> Vars { get; } = vars;

    public IReadOnlyDictionary<string, string> Env { get; } = env;

    public TimeProvider Time { get; } = time;

    public QuestionSource? Questions { get; } = questions;
}

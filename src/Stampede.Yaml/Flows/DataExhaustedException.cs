namespace Stampede.Yaml.Flows;

/// <summary>A data source with <c>onExhausted: stop</c> has no row left for this iteration.</summary>
internal sealed class DataExhaustedException(string source) : Exception($"data '{source}' has no rows left")
{
    public string DataSet { get; } = source;
}

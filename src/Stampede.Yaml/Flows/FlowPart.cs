namespace Stampede.Yaml.Flows;

/// <summary>
/// One part of a plan that runs flows — a scenario, setup or teardown — with the data sets its templates read. Each
/// part gets a template context holding only those data sets, because starting an iteration advances every data set
/// in the context: a scenario must not use up rows of a set only another scenario reads.
/// </summary>
internal sealed class FlowPart(string name, IReadOnlyList<string> dataSets)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> DataSets { get; } = dataSets;
}

using Stampede.Data.DataSets;

namespace Stampede.Yaml.Flows;

/// <summary>A data set as the plan declares it: the rows (loaded once) and how VUs pick them. Positions are per run.</summary>
internal sealed record DataSpec(DataSet Set, PickMode Mode, ExhaustedBehaviour OnExhausted);

namespace Stampede.Data.DataSets;

/// <summary>What a <see cref="DataCursor"/> does once it has used every row it may use.</summary>
public enum ExhaustedBehaviour
{
    /// <summary>Start again from the beginning. The default.</summary>
    Cycle,

    /// <summary>Return no row: the caller ends the VU (or the scenario).</summary>
    Stop,
}

namespace Stampede.Data.DataSets;

/// <summary>A data set as a plan uses it: the rows, how VUs pick them and what happens when they run out.</summary>
public sealed class DataSource
{
    /// <summary>Binds <paramref name="set"/> with a pick mode (default <see cref="PickMode.Sequential"/>) and exhaustion behaviour (default <see cref="ExhaustedBehaviour.Cycle"/>).</summary>
    public DataSource(DataSet set, PickMode mode = PickMode.Sequential, ExhaustedBehaviour onExhausted = ExhaustedBehaviour.Cycle)
    {
        ArgumentNullException.ThrowIfNull(set);
        Set = set;
        Mode = mode;
        OnExhausted = onExhausted;
    }

    /// <summary>The rows.</summary>
    public DataSet Set { get; }

    /// <summary>How VUs pick rows.</summary>
    public PickMode Mode { get; }

    /// <summary>What happens once the rows run out.</summary>
    public ExhaustedBehaviour OnExhausted { get; }

    /// <summary>The run-wide position every VU's cursor shares (for <see cref="PickMode.Unique"/>).</summary>
    public SharedDataPosition Shared { get; } = new();
}

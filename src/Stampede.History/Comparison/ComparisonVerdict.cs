namespace Stampede.History.Comparison;

/// <summary>What a compared figure did.</summary>
public enum ComparisonVerdict
{
    /// <summary>Within its tolerance band.</summary>
    Unchanged,

    /// <summary>Beyond its tolerance in the bad direction, and the per-second values agree it is not chance.</summary>
    Regressed,

    /// <summary>Beyond its tolerance in the good direction, and not by chance.</summary>
    Improved,

    /// <summary>Beyond its tolerance, but the per-second values of the two runs overlap too much to call it a change.</summary>
    Noise,

    /// <summary>Beyond its tolerance, but too few seconds of data to test it; not counted as a regression.</summary>
    Untested,

    /// <summary>One of the runs has no such metric or figure.</summary>
    NoData,
}

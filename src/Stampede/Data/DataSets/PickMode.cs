namespace Stampede.Data.DataSets;

/// <summary>How a virtual user picks the next row of a <see cref="DataSet"/>.</summary>
public enum PickMode
{
    /// <summary>
    /// Each VU walks the rows in order from its own start: VU <c>i</c> starts at row <c>(i - 1) mod N</c>
    /// (k6's per-VU SharedArray pattern), so concurrent VUs begin on different rows. The default.
    /// </summary>
    Sequential,

    /// <summary>A uniformly random row each time, from the VU's seeded random source. Never runs out.</summary>
    Random,

    /// <summary>
    /// One cursor shared by every VU of the run: each row is handed out exactly once before any row repeats
    /// (or, with <see cref="ExhaustedBehaviour.Stop"/>, before the data set runs out).
    /// </summary>
    Unique,
}

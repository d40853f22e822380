using HdrHistogram;

namespace Stampede.Metrics;

/// <summary>
/// One second of a trend, as its <see cref="Recorder"/> hands it over. It adds itself to another histogram by
/// reading counts only up to its highest recorded value: <see cref="HistogramBase.Add"/> reads all of the ~22,500
/// counts a one-hour, three-digit histogram has, for every series every second, which on a busy core was a
/// burst of ~17 ms per tick and delayed the open model's arrivals behind it.
/// </summary>
internal sealed class IntervalHistogram(long instanceId, long lowestTrackableValue, long highestTrackableValue, int significantDigits)
    : IntConcurrentHistogram(instanceId, lowestTrackableValue, highestTrackableValue, significantDigits)
{
    /// <summary>Adds every count to <paramref name="target"/>, which must have the same range and precision.</summary>
    public void AddTo(SummedHistogram target)
    {
        var remaining = TotalCount;
        var length = (BucketCount + 1) * (SubBucketCount / 2);
        for (var i = 0; remaining > 0 && i < length; i++)
        {
            var count = GetCountAtIndex(i);
            if (count != 0)
            {
                target.AddAtIndex(i, count);
                remaining -= count;
            }
        }
    }
}

/// <summary>A histogram that <see cref="IntervalHistogram"/>s add into: a cumulative trend or a metric's second.</summary>
internal sealed class SummedHistogram(long highestTrackableValue, int significantDigits) : LongHistogram(highestTrackableValue, significantDigits)
{
    public void AddAtIndex(int index, long count) => AddToCountAtIndex(index, count);
}

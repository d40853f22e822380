namespace Stampede.Yaml.Flows;

/// <summary>
/// How many lines one <c>log:</c> step may write in each second of the run's clock, so a step in a busy loop cannot
/// flood the log; lines beyond that are counted, and the count is handed back with the next line let through.
/// </summary>
internal sealed class LogLimiter(TimeProvider time, int perSecond)
{
    private readonly Lock _lock = new();
    private long _second = long.MinValue;
    private int _written;
    private long _suppressed;

    /// <summary>Whether a line may be written now, and how many were held back since the last one written (0 when none).</summary>
    public (bool Write, long Suppressed) Next()
    {
        var second = time.GetTimestamp() / time.TimestampFrequency;
        lock (_lock)
        {
            if (second != _second)
            {
                _second = second;
                _written = 0;
            }

            if (_written >= perSecond)
            {
                _suppressed++;
                return (false, 0);
            }

            _written++;
            var suppressed = _suppressed;
            _suppressed = 0;
            return (true, suppressed);
        }
    }
}

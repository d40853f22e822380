namespace Stampede.Execution;

/// <summary>
/// The VUs running an iteration across the whole run, and the most there ever were at once. The one-second tick
/// samples the count for the <c>vus</c> gauge, but a run shorter than a second has no tick, and a burst between
/// two ticks is missed by both: the peak is kept as it happens so <c>vus</c>' max is the true one.
/// </summary>
internal sealed class ActiveVuCount
{
    private int _current;
    private int _peak;

    public int Current => Volatile.Read(ref _current);

    public int Peak => Volatile.Read(ref _peak);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _current);
        var peak = Volatile.Read(ref _peak);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, now, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    public void Leave() => Interlocked.Decrement(ref _current);
}

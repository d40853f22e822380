namespace Stampede.Metrics;

/// <summary>Lock-free running minimum and maximum of doubles.</summary>
internal static class InterlockedMath
{
    public static void Min(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    public static void Max(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}

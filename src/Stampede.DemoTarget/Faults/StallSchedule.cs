namespace Stampede.DemoTarget.Faults;

/// <summary>
/// When the server stalls: for <c>stallFor</c> at the end of every <c>stallEvery</c> period since start.
/// The stall sits at the end of the period so a freshly started server answers at once.
/// </summary>
internal static class StallSchedule
{
    /// <summary>How long a request arriving <paramref name="elapsed"/> after start must wait; zero outside a stall.</summary>
    public static TimeSpan RemainingStall(TimeSpan elapsed, TimeSpan stallFor, TimeSpan stallEvery)
    {
        if (stallFor <= TimeSpan.Zero || stallEvery <= stallFor || elapsed < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var phase = TimeSpan.FromTicks(elapsed.Ticks % stallEvery.Ticks);
        var stallStart = stallEvery - stallFor;
        return phase >= stallStart ? stallEvery - phase : TimeSpan.Zero;
    }
}

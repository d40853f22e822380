using System.Diagnostics;

namespace Stampede.Tests.TestServers;

/// <summary>
/// Delays for test servers whose length a test then checks from the client's side. Task.Delay counts on the coarse
/// tick clock and can end up to a tick early (4 to 10 ms, by kernel), which a lower bound on what the client
/// measured would then blame on the client. These wait at least the time asked for on the high-resolution clock the
/// client times itself with.
/// </summary>
internal static class ServerDelay
{
    public static async Task AtLeastAsync(int ms, CancellationToken cancellationToken = default)
    {
        // Whole milliseconds elapsed, rounded down, so the loop ends only once all of ms has passed.
        var started = Stopwatch.GetTimestamp();
        for (var left = ms; left > 0; left = ms - (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds)
        {
            await Task.Delay(left, cancellationToken);
        }
    }
}

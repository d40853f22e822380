namespace Stampede.Monitoring;

/// <summary>
/// How a monitor reads its target through a run: once at once, then every <c>every</c>, until the run stops it.
/// One rule for the Prometheus scrape and the JSON read alike.
/// </summary>
internal static class PeriodicRead
{
    public static async Task RunAsync(TimeSpan every, TimeProvider time, Func<CancellationToken, Task> readOnce, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            do
            {
                await readOnce(stop).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
    }
}

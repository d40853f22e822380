namespace Stampede.Protocols.Http;

/// <summary>
/// Work that <see cref="EpollLoop"/> runs at given times on its own thread, between socket events, so that it
/// neither waits for the loop's thread to be scheduled nor takes the core from it.
/// </summary>
internal interface ILoopTimer
{
    /// <summary>
    /// Runs whatever is due at <paramref name="now"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) and
    /// says when to run next, or null when the timer is finished. May be called early (after
    /// <see cref="EpollLoop.WakeTimers"/>) and must then do only what is due. Must not throw or block: it runs on the
    /// thread that serves every connection on the loop.
    /// </summary>
    long? Fire(long now);
}

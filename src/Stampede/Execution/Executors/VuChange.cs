namespace Stampede.Execution.Executors;

/// <summary>
/// A live change of a VU-based scenario's VU count (<see cref="RunControl.SetVus"/>): the new count and how fast to
/// get there. Pure, so tests drive it as a table: <see cref="VusAt"/> is the count a given time after the executor
/// saw the change, starting from the count it had then.
/// </summary>
/// <param name="Target">VUs to run.</param>
/// <param name="RampPerSecond">VUs started or retired per second on the way; null: at once.</param>
/// <param name="Sequence">Tells one change from the next, so the executor notices each once.</param>
internal sealed record VuChange(int Target, double? RampPerSecond, long Sequence)
{
    public int VusAt(int from, TimeSpan since)
    {
        if (RampPerSecond is not { } ramp)
        {
            return Target;
        }

        // Whole VUs only, each once its share of the ramp has passed, as the stages' line does.
        var moved = (long)Math.Floor(ramp * since.TotalSeconds + 1e-9);
        return Target >= from ? (int)Math.Min(Target, from + moved) : (int)Math.Max(Target, from - moved);
    }
}

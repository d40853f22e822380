namespace Stampede.K6.Runtime;

/// <summary>
/// Waits on the VU's own thread for the engine's asynchronous protocol calls (k6's API is synchronous).
/// </summary>
/// <remarks>
/// <c>Task.GetAwaiter().GetResult()</c> spins with <c>sched_yield</c> before it sleeps. With one thread per VU and
/// dozens of them runnable on a core, every yield is a context switch into another VU, so the spinning cost a sixth
/// of the generator's CPU (perf, 50 VUs). The VU's thread parks at once instead and the socket loop that completes
/// the request wakes it.
/// </remarks>
internal static class Blocking
{
    // The parking slot belongs to the thread that waits: one wait at a time per thread, never shared.
    [ThreadStatic]
    private static Parker? t_parker;

    public static T Wait<T>(Task<T> task)
    {
        Park(task);
        return task.GetAwaiter().GetResult();
    }

    public static void Wait(Task task)
    {
        Park(task);
        task.GetAwaiter().GetResult();
    }

    public static void Wait(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return;
        }

        Wait(task.AsTask());
    }

    private static void Park(Task task)
    {
        if (task.IsCompleted)
        {
            return;
        }

        var parker = t_parker ??= new Parker();
        parker.WaitFor(task);
    }

    private sealed class Parker
    {
        // No spinning: see the remarks above.
        private readonly ManualResetEventSlim _event = new(false, spinCount: 0);
        private readonly Action _wake;

        public Parker()
        {
            _wake = _event.Set;
        }

        public void WaitFor(Task task)
        {
            _event.Reset();
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_wake);
            _event.Wait();
        }
    }
}

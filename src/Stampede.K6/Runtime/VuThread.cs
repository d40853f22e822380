namespace Stampede.K6.Runtime;

/// <summary>
/// The one thread a VU's JavaScript runs on. k6's API is synchronous (<c>http.get</c> returns the response), so a
/// script blocks while it waits; it blocks its own thread, never the engine's pool or socket loop. After the first
/// iteration the executor's loop continues on this thread, so later iterations start here without a hand-off.
/// </summary>
internal sealed class VuThread : IDisposable
{
    // Script frames are deep in an interpreter; k6 scripts recurse little, so this is ample and keeps 1,000 VUs cheap.
    private const int StackSize = 2 * 1024 * 1024;

    private readonly Thread _thread;
    private readonly SemaphoreSlim _ready = new(0);
    private Action? _work;
    private TaskCompletionSource? _done;
    private volatile bool _disposed;

    public VuThread(string name)
    {
        _thread = new Thread(Loop, StackSize) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public bool IsCurrent => Thread.CurrentThread == _thread;

    /// <summary>Runs <paramref name="work"/> on this thread: inline when already on it, else handed over.</summary>
    public Task RunAsync(Action work)
    {
        if (IsCurrent)
        {
            try
            {
                work();
                return Task.CompletedTask;
            }
            catch (Exception exception)
            {
                return Task.FromException(exception);
            }
        }

        // Continuations run synchronously on this thread when it completes the task: that is what lets the next
        // iteration start here.
        var done = new TaskCompletionSource();
        _work = work;
        _done = done;
        _ready.Release();
        return done.Task;
    }

    private void Loop()
    {
        while (true)
        {
            _ready.Wait();
            if (_disposed)
            {
                return;
            }

            var work = _work!;
            var done = _done!;
            _work = null;
            _done = null;
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _ready.Release();
    }
}

using System.Threading.Tasks.Sources;

namespace Stampede.Execution;

/// <summary>
/// A virtual user's pause (<c>vu.SleepAsync</c>): one timer per VU, re-armed for every pause, so pausing
/// allocates nothing. <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> makes a promise, a timer
/// and a cancellation node per pause; with think time those live a second, outlast the young generations and
/// pile up in the old one: a thousand VUs thinking for a second grew the generator by about a megabyte a second.
/// </summary>
/// <remarks>One pause at a time, like the VU's iterations; the returned task may be awaited once.</remarks>
internal sealed class VuSleep : IValueTaskSource, IDisposable
{
    private readonly ITimer _timer;
    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private CancellationToken _token;
    private int _pending;

    public VuSleep(TimeProvider time)
    {
        _timer = time.CreateTimer(static state => ((VuSleep)state!).Complete(cancelled: false), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ValueTask WaitAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (duration <= TimeSpan.Zero)
        {
            return ValueTask.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        _core.Reset();
        _token = cancellationToken;
        Volatile.Write(ref _pending, 1);
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static state => ((VuSleep)state!).Complete(cancelled: true), this);
        }

        _timer.Change(duration, Timeout.InfiniteTimeSpan);
        return new ValueTask(this, _core.Version);
    }

    private void Complete(bool cancelled)
    {
        // The timer and the cancellation may both fire; the first one ends the pause.
        if (Interlocked.Exchange(ref _pending, 0) == 0)
        {
            return;
        }

        _registration.Unregister();
        if (cancelled)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _core.SetException(new OperationCanceledException(_token));
        }
        else
        {
            _core.SetResult(true);
        }
    }

    public void Dispose() => _timer.Dispose();

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

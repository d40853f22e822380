using System.Threading.Tasks.Sources;

namespace Stampede.Execution;

/// <summary>
/// A virtual user's pause (<c>vu.SleepAsync</c>): one timer per VU, re-armed for every pause, so pausing
/// allocates nothing. <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> makes a promise, a timer
/// and a cancellation node per pause; with think time those live a second, outlast the young generations and
/// pile up in the old one: a thousand VUs thinking for a second grew the generator by about a megabyte a second.
/// </summary>
/// <remarks>
/// The returned task may be awaited once. A pause asked for while another is still pending (concurrent branches of
/// one iteration) falls back to <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>.
/// </remarks>
internal sealed class VuSleep : IValueTaskSource, IDisposable
{
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private CancellationToken _token;

    // Set while the timer or the token may still end the pause.
    private int _armed;

    // Set from the start of a pause until its awaiter has read the result.
    private int _inUse;

    public VuSleep(TimeProvider time)
    {
        _time = time;
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

        if (Interlocked.CompareExchange(ref _inUse, 1, 0) != 0)
        {
            return new ValueTask(Task.Delay(duration, _time, cancellationToken));
        }

        _core.Reset();
        _token = cancellationToken;
        Volatile.Write(ref _armed, 1);
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
        if (Interlocked.Exchange(ref _armed, 0) == 0)
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

    public void GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            Volatile.Write(ref _inUse, 0);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

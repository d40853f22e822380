namespace Stampede.Protocols.Http;

/// <summary>
/// Idle keep-alive connections of the lean client, per transport (so per virtual user unless the plan shares
/// connections). A request takes an idle connection to its endpoint or opens a new one, and puts it back when
/// the response has been read completely.
/// </summary>
internal sealed class Http1ConnectionPool : IDisposable
{
    private readonly List<Http1Connection> _idle = [];
    private volatile bool _disposed;

    // A virtual user has one request in flight and so, almost always, one idle connection: it waits in this slot,
    // taken and put back with one interlocked exchange instead of a lock per request.
    private Http1Connection? _single;

    public Http1Connection? TryTake(Http1Target target)
    {
        var single = Interlocked.Exchange(ref _single, null);
        if (single is not null)
        {
            if (single.Target.SameEndpoint(target))
            {
                return single;
            }

            Park(single);
        }

        lock (_idle)
        {
            for (var i = _idle.Count - 1; i >= 0; i--)
            {
                var connection = _idle[i];
                if (connection.Target.SameEndpoint(target))
                {
                    _idle[i] = _idle[^1];
                    _idle.RemoveAt(_idle.Count - 1);
                    return connection;
                }
            }
        }

        return null;
    }

    public void Return(Http1Connection connection)
    {
        connection.Reused = true;
        connection.ReleaseBuffer();
        if (!_disposed && Interlocked.CompareExchange(ref _single, connection, null) is null)
        {
            // Disposed meanwhile: whatever sits in the slot now is ours to close.
            if (_disposed && Interlocked.Exchange(ref _single, null) is { } late)
            {
                late.Dispose();
            }

            return;
        }

        Park(connection);
    }

    private void Park(Http1Connection connection)
    {
        lock (_idle)
        {
            if (!_disposed)
            {
                _idle.Add(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        // Flagged first: a Return racing with this sees the flag after putting its connection in the slot and closes it.
        _disposed = true;
        Interlocked.Exchange(ref _single, null)?.Dispose();
        lock (_idle)
        {
            foreach (var connection in _idle)
            {
                connection.Dispose();
            }

            _idle.Clear();
        }
    }
}

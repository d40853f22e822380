namespace Stampede.Protocols.Http;

/// <summary>
/// Idle keep-alive connections of the lean client, per transport (so per virtual user unless the plan shares
/// connections). A request takes an idle connection to its endpoint or opens a new one, and puts it back when
/// the response has been read completely.
/// </summary>
internal sealed class Http1ConnectionPool : IDisposable
{
    private readonly List<Http1Connection> _idle = [];
    private bool _disposed;

    public Http1Connection? TryTake(Http1Target target)
    {
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
        lock (_idle)
        {
            _disposed = true;
            foreach (var connection in _idle)
            {
                connection.Dispose();
            }

            _idle.Clear();
        }
    }
}

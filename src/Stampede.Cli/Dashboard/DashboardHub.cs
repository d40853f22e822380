namespace Stampede.Cli.Dashboard;

/// <summary>
/// The frames of a run and the browsers that watch it: a browser that connects late first gets the seconds it
/// missed (up to <see cref="History"/>), then every new one; after the run's end frame no more frames come.
/// </summary>
internal sealed class DashboardHub
{
    /// <summary>Seconds kept for browsers that connect later (an hour: a few megabytes).</summary>
    public const int History = 3600;

    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _history = new();
    private readonly List<DashboardClient> _clients = [];
    private byte[]? _waiting;
    private byte[]? _end;
    private long _droppedByGone;

    /// <summary>Frames dropped for slow browsers, over every browser that connected.</summary>
    public long DroppedFrames
    {
        get
        {
            lock (_gate)
            {
                return _droppedByGone + _clients.Sum(c => c.Dropped);
            }
        }
    }

    public int Clients
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    public bool Ended
    {
        get
        {
            lock (_gate)
            {
                return _end is not null;
            }
        }
    }

    /// <summary>Connects a browser: what it missed, then live frames.</summary>
    public (DashboardClient Client, IReadOnlyList<byte[]> Missed) Connect()
    {
        var client = new DashboardClient();
        lock (_gate)
        {
            List<byte[]> missed = [.. _history];
            if (_waiting is not null && missed.Count == 0)
            {
                missed.Add(_waiting);
            }

            if (_end is not null)
            {
                missed.Add(_end);
                client.Complete();
            }
            else
            {
                _clients.Add(client);
            }

            return (client, missed);
        }
    }

    public void Disconnect(DashboardClient client)
    {
        lock (_gate)
        {
            if (_clients.Remove(client))
            {
                _droppedByGone += client.Dropped;
            }
        }
    }

    /// <summary>What a browser sees before the run starts (<c>stampede ui</c>).</summary>
    public void Waiting(byte[] frame)
    {
        lock (_gate)
        {
            _waiting = frame;
            foreach (var client in _clients)
            {
                client.Offer(frame);
            }
        }
    }

    public void Publish(byte[] frame)
    {
        lock (_gate)
        {
            if (_end is not null)
            {
                return;
            }

            _history.Enqueue(frame);
            if (_history.Count > History)
            {
                _history.Dequeue();
            }

            foreach (var client in _clients)
            {
                client.Offer(frame);
            }
        }
    }

    /// <summary>The run's last frame: queued for every browser (a full queue drops an older frame, never this one), then their streams end.</summary>
    public void End(byte[] frame)
    {
        lock (_gate)
        {
            _end ??= frame;
            foreach (var client in _clients)
            {
                client.Offer(_end);
                client.Complete();
            }
        }
    }
}

namespace Stampede.History.Store;

/// <summary>The history store cannot be used as asked (unreachable, unknown address, a schema from a newer Stampede).</summary>
public sealed class HistoryStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HistoryStoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public HistoryStoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public HistoryStoreException(string message)
        : base(message)
    {
    }
}

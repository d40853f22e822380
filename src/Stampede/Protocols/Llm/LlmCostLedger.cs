namespace Stampede.Protocols.Llm;

/// <summary>The run's LLM spend, shared by every VU: totals in exact decimal dollars, so they match a provider's bill.</summary>
internal sealed class LlmCostLedger
{
    private readonly Lock _lock = new();
    private decimal _total;

    /// <summary>Dollars spent so far.</summary>
    public decimal Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Adds <paramref name="cost"/>; returns the new total.</summary>
    public decimal Add(decimal cost)
    {
        // Once per request, off the per-chunk path: a lock is cheaper than it looks here and keeps decimals exact.
        lock (_lock)
        {
            _total += cost;
            return _total;
        }
    }
}

using System.Globalization;

namespace Stampede.Protocols.Llm;

/// <summary>
/// The run's LLM spend, shared by every VU: totals in exact decimal dollars, so they match a provider's bill. When a
/// request's cost takes the total past its cost limit, the ledger says so to <paramref name="limitReached"/> (the
/// engine stops the run there), so the protocol never reaches up into the run's control.
/// </summary>
internal sealed class LlmCostLedger(Action<string>? limitReached = null)
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

    /// <summary>Adds <paramref name="cost"/>; past <paramref name="limit"/> (when there is one) reports the limit reached.</summary>
    public void Add(decimal cost, decimal? limit)
    {
        decimal total;

        // Once per request, off the per-chunk path: a lock is cheaper than it looks here and keeps decimals exact.
        lock (_lock)
        {
            _total += cost;
            total = _total;
        }

        if (limit is { } max && total > max)
        {
            limitReached?.Invoke(string.Create(CultureInfo.InvariantCulture, $"LLM cost limit reached: spent ${total:0.######} of ${max:0.######}"));
        }
    }
}

namespace Stampede.K6.Runtime;

/// <summary>
/// Remembers what <c>make</c> returned for the first few hundred keys of one engine, so values that repeat (a
/// response's status text, its header names) are not worked out again for every response; past the bound it only
/// computes, so a target sending ever-new keys cannot grow it.
/// </summary>
internal sealed class BoundedMemo<TKey, TValue>(Func<TKey, TValue> make, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private const int Kept = 256;
    private readonly Dictionary<TKey, TValue> _values = new(comparer);

    public TValue this[TKey key]
    {
        get
        {
            if (_values.TryGetValue(key, out var value))
            {
                return value;
            }

            value = make(key);
            if (_values.Count < Kept)
            {
                _values[key] = value;
            }

            return value;
        }
    }
}

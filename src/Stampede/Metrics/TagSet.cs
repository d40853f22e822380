namespace Stampede.Metrics;

/// <summary>
/// An immutable set of tags (key → value), kept sorted by key so that equal sets compare and hash equal
/// whatever order they were built in. Series are keyed by (metric, tag set).
/// </summary>
public sealed class TagSet : IEquatable<TagSet>
{
    private readonly KeyValuePair<string, string>[] _tags;
    private readonly int _hash;

    /// <summary>The set with no tags.</summary>
    public static TagSet Empty { get; } = new([]);

    private TagSet(KeyValuePair<string, string>[] sortedTags)
    {
        _tags = sortedTags;
        var hash = new HashCode();
        foreach (var (key, value) in sortedTags)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>Number of tags.</summary>
    public int Count => _tags.Length;

    /// <summary>The tags, sorted by key.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> Items => _tags;

    /// <summary>Builds a set from pairs; a later pair with the same key wins.</summary>
    public static TagSet From(IEnumerable<KeyValuePair<string, string>> tags)
    {
        var set = Empty;
        foreach (var (key, value) in tags)
        {
            set = set.With(key, value);
        }

        return set;
    }

    /// <summary>Builds a set from (key, value) tuples.</summary>
    public static TagSet Of(params ReadOnlySpan<(string Key, string Value)> tags)
    {
        var set = Empty;
        foreach (var (key, value) in tags)
        {
            set = set.With(key, value);
        }

        return set;
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? this[string key]
    {
        get
        {
            var index = IndexOf(key);
            return index >= 0 ? _tags[index].Value : null;
        }
    }

    /// <summary>A set with <paramref name="key"/> set to <paramref name="value"/> (replacing any earlier value).</summary>
    public TagSet With(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var index = IndexOf(key);
        if (index >= 0)
        {
            if (string.Equals(_tags[index].Value, value, StringComparison.Ordinal))
            {
                return this;
            }

            var replaced = (KeyValuePair<string, string>[])_tags.Clone();
            replaced[index] = new(key, value);
            return new TagSet(replaced);
        }

        var insertAt = ~index;
        var grown = new KeyValuePair<string, string>[_tags.Length + 1];
        Array.Copy(_tags, 0, grown, 0, insertAt);
        grown[insertAt] = new(key, value);
        Array.Copy(_tags, insertAt, grown, insertAt + 1, _tags.Length - insertAt);
        return new TagSet(grown);
    }

    /// <summary>A set with every tag of <paramref name="other"/> laid over this one.</summary>
    public TagSet With(TagSet other)
    {
        var set = this;
        foreach (var (key, value) in other._tags)
        {
            set = set.With(key, value);
        }

        return set;
    }

    /// <summary>A set without <paramref name="key"/>.</summary>
    public TagSet Without(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return this;
        }

        var list = new List<KeyValuePair<string, string>>(_tags);
        list.RemoveAt(index);
        return new TagSet([.. list]);
    }

    /// <summary>True when every (key, value) in <paramref name="filter"/> is in this set.</summary>
    public bool Contains(IEnumerable<KeyValuePair<string, string>> filter)
    {
        foreach (var (key, value) in filter)
        {
            if (!string.Equals(this[key], value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The tags as a dictionary (for serialisation).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var dictionary = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _tags)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    private int IndexOf(string key)
    {
        int lo = 0, hi = _tags.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = string.CompareOrdinal(_tags[mid].Key, key);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <inheritdoc />
    public bool Equals(TagSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._hash != _hash || other._tags.Length != _tags.Length)
        {
            return false;
        }

        for (var i = 0; i < _tags.Length; i++)
        {
            if (!string.Equals(_tags[i].Key, other._tags[i].Key, StringComparison.Ordinal)
                || !string.Equals(_tags[i].Value, other._tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TagSet);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>k6's notation: <c>{key:value,key:value}</c>.</summary>
    public override string ToString() => "{" + string.Join(",", _tags.Select(t => $"{t.Key}:{t.Value}")) + "}";
}

using System.Buffers;
using System.Text;

namespace Stampede.Thresholds;

/// <summary>
/// What a threshold applies to: a metric name, optionally narrowed to a submetric by tag filters, written as in k6:
/// <c>http_req_duration{scenario:chat,status:200}</c>. Filters keep the order they were written in.
/// </summary>
internal sealed class MetricSelector : IEquatable<MetricSelector>
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",}:{\"'\\");

    public MetricSelector(string metricName, IReadOnlyList<TagFilter> filters)
    {
        MetricName = metricName;
        Filters = filters;
    }

    public string MetricName { get; }

    public IReadOnlyList<TagFilter> Filters { get; }

    public bool IsSubmetric => Filters.Count > 0;

    /// <summary>Parses k6 syntax; never throws on user input. See docs/thresholds.md for the grammar.</summary>
    public static ThresholdParseResult<MetricSelector> Parse(string text) => MetricSelectorParser.Parse(text);

    /// <summary>True when every filter's key is among <paramref name="tags"/> with exactly the filter's value.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> tags) =>
        Filters.All(f => tags.TryGetValue(f.Key, out var value) && string.Equals(value, f.Value, StringComparison.Ordinal));

    /// <summary>True when a live series' tags hold every filter; reads the sorted set in place, allocating nothing.</summary>
    public bool Matches(Metrics.TagSet tags)
    {
        foreach (var filter in Filters)
        {
            if (!string.Equals(tags[filter.Key], filter.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(MetricSelector? other) =>
        other is not null && MetricName == other.MetricName && Filters.SequenceEqual(other.Filters);

    public override bool Equals(object? obj) => Equals(obj as MetricSelector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(MetricName, StringComparer.Ordinal);
        foreach (var filter in Filters)
        {
            hash.Add(filter);
        }

        return hash.ToHashCode();
    }

    /// <summary>The k6 spelling, quoting values that would not survive a round trip unquoted.</summary>
    public override string ToString()
    {
        if (!IsSubmetric)
        {
            return MetricName;
        }

        var builder = new StringBuilder(MetricName).Append('{');
        for (var i = 0; i < Filters.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(Quote(Filters[i].Key)).Append(':').Append(Quote(Filters[i].Value));
        }

        return builder.Append('}').ToString();
    }

    private static string Quote(string part) =>
        part.Length == 0 || part.AsSpan().ContainsAny(NeedsQuotes) || char.IsWhiteSpace(part[0]) || char.IsWhiteSpace(part[^1])
            ? $"\"{part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""
            : part;
}

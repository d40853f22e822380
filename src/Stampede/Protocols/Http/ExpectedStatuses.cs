namespace Stampede.Protocols.Http;

/// <summary>Which response statuses count as success (k6's <c>http.expectedStatuses</c>). Default: 200–399.</summary>
public sealed class ExpectedStatuses
{
    private readonly (int Min, int Max)[] _ranges;

    private ExpectedStatuses((int Min, int Max)[] ranges) => _ranges = ranges;

    public static ExpectedStatuses Default { get; } = new([(200, 399)]);

    public static ExpectedStatuses Range(int min, int max) => new([(min, max)]);

    public static ExpectedStatuses Of(params int[] statuses) => new([.. statuses.Select(s => (s, s))]);

    /// <summary>Combines several sets, e.g. <c>Of(404).Or(Range(200, 299))</c>.</summary>
    public ExpectedStatuses Or(ExpectedStatuses other) => new([.. _ranges, .. other._ranges]);

    public bool Contains(int status)
    {
        foreach (var (min, max) in _ranges)
        {
            if (status >= min && status <= max)
            {
                return true;
            }
        }

        return false;
    }
}

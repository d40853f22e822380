namespace Stampede.Yaml.Data;

/// <summary>
/// A named data file and how rows are handed out: <c>sequential</c> (in order, shared by all VUs), <c>random</c>
/// (any row, each time) or <c>unique</c> (each row once in the whole run). When rows run out: <c>cycle</c>
/// starts again (default for sequential), <c>stop</c> ends the iterations that need one (default for unique).
/// </summary>
internal sealed class DataSource(string name, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, string pick, bool cycle)
{
    private long _next = -1;

    public string Name { get; } = name;

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows { get; } = rows;

    public string Pick { get; } = pick;

    /// <summary>The row for one iteration, or null when the rows are used up and the source does not cycle.</summary>
    public IReadOnlyDictionary<string, object?>? Next(Random random)
    {
        if (Pick == "random")
        {
            return Rows[random.Next(Rows.Count)];
        }

        var index = Interlocked.Increment(ref _next);
        if (index >= Rows.Count && !cycle)
        {
            return null;
        }

        return Rows[(int)(index % Rows.Count)];
    }
}

using Stampede.Outputs;

namespace Stampede.Cli.Outputs;

/// <summary>The last seconds' latency for the live view, drawn as a sparkline (▁▂▃▄▅▆▇█; a gap where no samples came).</summary>
internal sealed class LatencyHistory(int capacity = 30)
{
    private const string Bars = "▁▂▃▄▅▆▇█";
    private readonly Queue<double> _values = new();

    public int Count => _values.Count;

    /// <summary>The latest value, formatted, or "-" when the last second had no samples.</summary>
    public string LastText => _values.Count == 0 || double.IsNaN(_values.Last()) ? "-" : ValueFormat.Milliseconds(_values.Last());

    public void Add(double milliseconds)
    {
        _values.Enqueue(milliseconds);
        while (_values.Count > capacity)
        {
            _values.Dequeue();
        }
    }

    public string Sparkline()
    {
        var present = _values.Where(v => !double.IsNaN(v)).ToList();
        if (present.Count == 0)
        {
            return new string(' ', _values.Count);
        }

        var low = present.Min();
        var span = present.Max() - low;
        return string.Concat(_values.Select(v => double.IsNaN(v) ? ' '
            : Bars[span <= 0 ? 0 : Math.Clamp((int)((v - low) / span * (Bars.Length - 1) + 0.5), 0, Bars.Length - 1)]));
    }
}

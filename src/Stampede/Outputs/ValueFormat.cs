using System.Globalization;
using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>Human-readable numbers for summaries: durations in µs/ms/s/m, bytes in kB/MB/GB, rates and percentages.</summary>
public static class ValueFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A duration given in milliseconds: <c>850µs</c>, <c>12.34ms</c>, <c>1.5s</c>, <c>2m3s</c>.</summary>
    public static string Milliseconds(double ms)
    {
        if (double.IsNaN(ms))
        {
            return "-";
        }

        if (ms < 1)
        {
            return (ms * 1000).ToString("0.##", Invariant) + "µs";
        }

        if (ms < 1000)
        {
            return ms.ToString("0.##", Invariant) + "ms";
        }

        if (ms < 60_000)
        {
            return (ms / 1000).ToString("0.##", Invariant) + "s";
        }

        var span = TimeSpan.FromMilliseconds(ms);
        return span.TotalHours >= 1
            ? $"{(int)span.TotalHours}h{span.Minutes}m{span.Seconds}s"
            : $"{span.Minutes}m{span.Seconds}s";
    }

    /// <summary>Bytes in SI units, as k6 prints them: <c>1.2 MB</c>.</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        var unit = 0;
        while (Math.Abs(bytes) >= 1000 && unit < units.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }

        return bytes.ToString(unit == 0 ? "0" : "0.#", Invariant) + " " + units[unit];
    }

    /// <summary>A plain number with up to <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals = 2) =>
        double.IsNaN(value) ? "-"
        // Small amounts (a cost of $0.0004) keep four significant digits instead of rounding to 0.
        : value != 0 && Math.Abs(value) < 1 ? value.ToString("0.####", Invariant) is "0" or "-0" ? value.ToString("G4", Invariant) : value.ToString("0.####", Invariant)
        : value.ToString("0." + new string('#', Math.Max(decimals, 1)), Invariant);

    /// <summary>A share (0–1) as a percentage: <c>99.50%</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.00", Invariant) + "%";

    /// <summary>A value in the metric's unit: a duration, bytes, or a plain number.</summary>
    public static string InUnit(double value, MetricUnit unit) => unit switch
    {
        MetricUnit.Time => Milliseconds(value),
        MetricUnit.Data => Bytes(value),
        _ => Number(value),
    };
}

using System.Globalization;

namespace Stampede.K6.Summary;

/// <summary>
/// k6's way of printing summary values, which truncates where <c>Stampede.Outputs.ValueFormat</c> rounds (a p(95)
/// of 1.999 ms is "1.99ms" in k6): rates as percentages, bytes in SI units, durations from ns to hours, plain
/// numbers to six decimals without trailing zeros.
/// </summary>
internal static class K6Humanize
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A value of a metric of k6 type <paramref name="type"/> holding <paramref name="contains"/>.</summary>
    public static string Value(double value, string? type, string? contains, string? timeUnit)
    {
        if (type == "rate")
        {
            return (Math.Truncate(value * 100 * 100) / 100).ToString("F2", Invariant) + "%";
        }

        return contains switch
        {
            "data" => Bytes(value),
            "time" => Duration(value, timeUnit),
            _ => FixedNoTrailingZeros(value, 6),
        };
    }

    /// <summary>Bytes: below 10 as they are, then one significant decimal under 10 of a unit (<c>1.5 kB</c>, <c>12 MB</c>).</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
        if (!(bytes >= 10))
        {
            return JsNumber(bytes) + " B";
        }

        var exponent = Math.Min((int)Math.Floor(Math.Log(bytes) / Math.Log(1000)), units.Length - 1);
        var scaled = Math.Floor((bytes / Math.Pow(1000, exponent) * 10) + 0.5) / 10;
        return scaled.ToString(scaled < 10 ? "F1" : "F0", Invariant) + " " + units[exponent];
    }

    /// <summary>
    /// A duration given in milliseconds: in the fixed unit <paramref name="timeUnit"/> (<c>s</c>, <c>ms</c>, <c>us</c>)
    /// with two decimals when one is set, otherwise in the unit that fits (<c>850ns</c>, <c>12.34µs</c>, <c>1m5s</c>).
    /// </summary>
    public static string Duration(double ms, string? timeUnit)
    {
        switch (timeUnit)
        {
            case "s":
                return (ms * 0.001).ToString("F2", Invariant) + "s";
            case "ms":
                return ms.ToString("F2", Invariant) + "ms";
            case "us":
                return (ms * 1000).ToString("F2", Invariant) + "µs";
        }

        if (ms == 0)
        {
            return "0s";
        }

        if (ms < 0.001)
        {
            return JsNumber(Math.Truncate(ms * 1_000_000)) + "ns";
        }

        if (ms < 1)
        {
            return Truncated(ms * 1000, 2) + "µs";
        }

        if (ms < 1000)
        {
            return Truncated(ms, 2) + "ms";
        }

        // Whole seconds once there are minutes: "1m5s", "2h0m3s".
        var text = Truncated(ms % 60_000 / 1000, ms > 60_000 ? 0 : 2) + "s";
        var minutes = Math.Truncate(ms / 60_000);
        if (minutes < 1)
        {
            return text;
        }

        text = JsNumber(minutes % 60) + "m" + text;
        var hours = Math.Truncate(minutes / 60);
        return hours < 1 ? text : JsNumber(hours) + "h" + text;
    }

    /// <summary>A number as JavaScript's <c>String(n)</c> writes it, for the integers and plain decimals summaries hold.</summary>
    public static string JsNumber(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsInfinity(value) ? (value > 0 ? "Infinity" : "-Infinity")
        : value == Math.Floor(value) && Math.Abs(value) < 1e21 ? value.ToString("0", Invariant)
        : value.ToString("R", Invariant);

    private static string FixedNoTrailingZeros(double value, int decimals) =>
        double.IsFinite(value) ? JsNumber(double.Parse(value.ToString("F" + decimals.ToString(Invariant), Invariant), Invariant)) : JsNumber(value);

    private static string Truncated(double value, int decimals)
    {
        var scale = Math.Pow(10, decimals);
        return FixedNoTrailingZeros(Math.Truncate(scale * value) / scale, decimals);
    }
}

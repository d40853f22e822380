namespace Stampede.Metrics;

/// <summary>The symbols metric units go by in results and reports: <c>ms</c>, <c>bytes</c>, or empty for a plain number.</summary>
public static class MetricUnitExtensions
{
    /// <summary>The phrase error messages use for the symbols a result may hold.</summary>
    internal const string Expected = "\"ms\", \"bytes\" or \"\"";

    /// <summary>The unit's symbol as the JSON result writes it; empty for <see cref="MetricUnit.None"/>.</summary>
    public static string Symbol(this MetricUnit unit) => unit switch
    {
        MetricUnit.None => "",
        MetricUnit.Time => "ms",
        MetricUnit.Data => "bytes",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary>The unit written as <paramref name="symbol"/> (exactly as <see cref="Symbol"/> writes it), or false.</summary>
    internal static bool TryParse(string? symbol, out MetricUnit unit)
    {
        (var known, unit) = symbol switch
        {
            "" => (true, MetricUnit.None),
            "ms" => (true, MetricUnit.Time),
            "bytes" => (true, MetricUnit.Data),
            _ => (false, default),
        };
        return known;
    }
}

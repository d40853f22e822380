using System.Globalization;

namespace Stampede.History.Comparison;

/// <summary>
/// How far a figure may move before it counts as a change: <c>+10%</c> (relative), <c>+0.5pp</c> (percentage
/// points, for rates), <c>+50</c> or <c>+50ms</c> (absolute, in the metric's unit). The sign names the bad
/// direction: <c>+</c> for figures where higher is worse (latency, errors), <c>-</c> where lower is worse (throughput).
/// </summary>
public sealed record Tolerance(double Amount, ToleranceUnit Unit, bool HigherIsWorse)
{
    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when malformed.</summary>
    public static Tolerance? Parse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] is not ('+' or '-'))
        {
            error = $"'{text}': a tolerance starts with + (higher is worse) or - (lower is worse), e.g. +10%, +0.5pp, -5%";
            return null;
        }

        var higherIsWorse = trimmed[0] == '+';
        var body = trimmed[1..].Trim();
        var unit = ToleranceUnit.Absolute;
        if (body.EndsWith('%'))
        {
            unit = ToleranceUnit.Percent;
            body = body[..^1];
        }
        else if (body.EndsWith("pp", StringComparison.OrdinalIgnoreCase))
        {
            unit = ToleranceUnit.PercentagePoints;
            body = body[..^2];
        }
        else if (body.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            body = body[..^2];
        }

        if (!double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || !double.IsFinite(amount))
        {
            error = $"'{text}': expected a non-negative number, e.g. +10%, +0.5pp, +25ms";
            return null;
        }

        return new Tolerance(amount, unit, higherIsWorse);
    }

    /// <summary>How far <paramref name="current"/> moved from <paramref name="baseline"/> in the bad direction, in this tolerance's unit (negative: it moved the good way).</summary>
    public double Worsening(double baseline, double current)
    {
        var change = Unit switch
        {
            ToleranceUnit.Percent => baseline == 0 ? (current == 0 ? 0 : double.PositiveInfinity * Math.Sign(current)) : (current - baseline) / Math.Abs(baseline) * 100,
            ToleranceUnit.PercentagePoints => (current - baseline) * 100,
            _ => current - baseline,
        };
        return HigherIsWorse ? change : -change;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        (HigherIsWorse ? "+" : "-") + Amount.ToString("0.###", CultureInfo.InvariantCulture) + Unit switch
        {
            ToleranceUnit.Percent => "%",
            ToleranceUnit.PercentagePoints => "pp",
            _ => "",
        };
}

/// <summary>The unit of a <see cref="Tolerance"/>.</summary>
public enum ToleranceUnit
{
    /// <summary>Percent of the baseline's value.</summary>
    Percent,

    /// <summary>Percentage points of a rate (0.5pp: from 1.0% to 1.5%).</summary>
    PercentagePoints,

    /// <summary>The metric's own unit (ms for times).</summary>
    Absolute,
}

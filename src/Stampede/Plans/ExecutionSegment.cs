using System.Diagnostics.CodeAnalysis;

namespace Stampede.Plans;

/// <summary>
/// The share of a plan's load one machine runs, as k6's <c>--execution-segment</c>: the part of the way from 0 to 1
/// between <see cref="From"/> and <see cref="To"/>. Every VU count, iteration count and arrival of the plan is split
/// so that the shares of segments that tile 0 to 1 add up to the whole plan exactly.
/// </summary>
public sealed record ExecutionSegment
{
    private ExecutionSegment(Rational from, Rational to)
    {
        Start = from;
        End = to;
    }

    /// <summary>The whole plan, <c>0:1</c>: what a run without a segment runs.</summary>
    public static ExecutionSegment Whole { get; } = new(Rational.Zero, Rational.One);

    /// <summary>Where the segment starts, 0 to 1.</summary>
    public double From => Start.ToDouble();

    /// <summary>Where the segment ends, 0 to 1.</summary>
    public double To => End.ToDouble();

    /// <summary>The segment's share of the load, 0 to 1.</summary>
    public double Length => (End - Start).ToDouble();

    /// <summary>True for <c>0:1</c>.</summary>
    public bool IsWhole => Start == Rational.Zero && End == Rational.One;

    internal Rational Start { get; }

    internal Rational End { get; }

    /// <summary>
    /// Reads a segment as k6 does: <c>FROM:TO</c> (<c>1/4:1/2</c>), or one value <c>TO</c>, which means <c>0:TO</c>
    /// (so <c>1/2</c> is the first half, not "the second of two"); each value a fraction (<c>1/4</c>), a decimal
    /// (<c>0.25</c>) or a whole percentage (<c>25%</c>). An empty text is the whole plan.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ExecutionSegment? segment, [NotNullWhen(false)] out string? error)
    {
        segment = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            segment = Whole;
            error = null;
            return true;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var fromText = colon < 0 ? "0" : text[..colon];
        var toText = colon < 0 ? text : text[(colon + 1)..];
        if (!ReadPoint(fromText, out var from, out error) || !ReadPoint(toText, out var to, out error))
        {
            return false;
        }

        return TryCreate(from, to, out segment, out error);
    }

    /// <summary>Reads a segment (see <see cref="TryParse"/>).</summary>
    /// <exception cref="FormatException">The text is not a segment.</exception>
    public static ExecutionSegment Parse(string text) =>
        TryParse(text, out var segment, out var error) ? segment : throw new FormatException(error);

    internal static bool TryCreate(Rational from, Rational to, [NotNullWhen(true)] out ExecutionSegment? segment, [NotNullWhen(false)] out string? error)
    {
        segment = null;
        if (from < Rational.Zero)
        {
            error = $"the segment's start must be at least 0, got {from}";
            return false;
        }

        if (to > Rational.One)
        {
            error = $"the segment's end must be at most 1, got {to}";
            return false;
        }

        if (from >= to)
        {
            error = $"the segment's start ({from}) must be less than its end ({to})";
            return false;
        }

        segment = new ExecutionSegment(from, to);
        error = null;
        return true;
    }

    internal static bool ReadPoint(string text, out Rational value, [NotNullWhen(false)] out string? error)
    {
        if (Rational.TryParse(text, out value))
        {
            error = null;
            return true;
        }

        error = $"'{text}' is not a fraction (1/4), a decimal (0.25) or a whole percentage (25%)";
        return false;
    }

    /// <summary>As k6 writes it, <c>FROM:TO</c> in lowest terms: <c>1/4:1/2</c>, <c>0:1</c>.</summary>
    public override string ToString() => $"{Start}:{End}";
}

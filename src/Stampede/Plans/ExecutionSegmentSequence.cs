using System.Diagnostics.CodeAnalysis;

namespace Stampede.Plans;

/// <summary>
/// How the whole load is cut into segments, as k6's <c>--execution-segment-sequence</c>: <c>0,1/4,1/2,3/4,1</c>.
/// The cut decides which VU, iteration and arrival falls to which segment (they are striped, so each segment gets
/// every n-th of them rather than a block); every machine of one distributed run must be given the same sequence,
/// or their shares may overlap and leave gaps. Without one, a segment is striped as if the rest of 0 to 1 around it
/// were one segment on each side.
/// </summary>
public sealed record ExecutionSegmentSequence
{
    /// <summary>The longest stripe (the least common denominator of the segments' lengths) a sequence may have.</summary>
    internal const long MaxStripe = 1_000_000;

    private ExecutionSegmentSequence(IReadOnlyList<ExecutionSegment> segments) => Segments = segments;

    /// <summary>The segments, in order, each starting where the one before ends.</summary>
    public IReadOnlyList<ExecutionSegment> Segments { get; }

    /// <summary>Reads points separated by commas, at least two, rising from one to the next: <c>0,1/3,2/3,1</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ExecutionSegmentSequence? sequence, [NotNullWhen(false)] out string? error)
    {
        sequence = null;
        var points = text.Split(',', StringSplitOptions.TrimEntries);
        if (points.Length < 2)
        {
            error = $"a segment sequence needs at least 2 points separated by commas (0,1/2,1), got {points.Length}";
            return false;
        }

        var segments = new List<ExecutionSegment>();
        if (!ExecutionSegment.ReadPoint(points[0], out var from, out error))
        {
            return false;
        }

        foreach (var point in points.Skip(1))
        {
            if (!ExecutionSegment.ReadPoint(point, out var to, out error) || !ExecutionSegment.TryCreate(from, to, out var segment, out error))
            {
                return false;
            }

            segments.Add(segment);
            from = to;
        }

        sequence = new ExecutionSegmentSequence(segments);
        return true;
    }

    /// <summary>Reads a sequence (see <see cref="TryParse"/>).</summary>
    /// <exception cref="FormatException">The text is not a sequence.</exception>
    public static ExecutionSegmentSequence Parse(string text) =>
        TryParse(text, out var sequence, out var error) ? sequence : throw new FormatException(error);

    /// <summary>
    /// The sequence a segment is striped in: this one, or the segment alone, with the uncovered ends of 0 to 1 added
    /// as segments of their own (k6 fills a sequence the same way).
    /// </summary>
    internal static IReadOnlyList<ExecutionSegment> Filled(ExecutionSegmentSequence? sequence, ExecutionSegment segment)
    {
        List<ExecutionSegment> filled = sequence is null ? [segment] : [.. sequence.Segments];
        if (filled[0].Start > Rational.Zero && ExecutionSegment.TryCreate(Rational.Zero, filled[0].Start, out var head, out _))
        {
            filled.Insert(0, head);
        }

        if (filled[^1].End < Rational.One && ExecutionSegment.TryCreate(filled[^1].End, Rational.One, out var tail, out _))
        {
            filled.Add(tail);
        }

        return filled;
    }

    /// <summary>Problems with running <paramref name="segment"/> in <paramref name="sequence"/>; empty when it can run.</summary>
    internal static IReadOnlyList<PlanError> Check(ExecutionSegment segment, ExecutionSegmentSequence? sequence)
    {
        var errors = new List<PlanError>();
        if (sequence is not null && !sequence.Segments.Contains(segment))
        {
            errors.Add(new PlanError("--segment", $"segment {segment} is not one of the sequence's segments ({string.Join(", ", sequence.Segments)})"));
            return errors;
        }

        var stripe = System.Numerics.BigInteger.One;
        foreach (var part in Filled(sequence, segment))
        {
            var denominator = (part.End - part.Start).Denominator;
            stripe = stripe / System.Numerics.BigInteger.GreatestCommonDivisor(stripe, denominator) * denominator;
        }

        if (stripe > MaxStripe)
        {
            errors.Add(new PlanError(sequence is null ? "--segment" : "--segment-sequence", $"the segments' lengths have a common denominator of {stripe}, above {MaxStripe:N0}: use simpler fractions (1/3 rather than 0.333333)"));
        }

        return errors;
    }

    /// <summary>As k6 writes it: <c>0,1/4,1/2,3/4,1</c>.</summary>
    public override string ToString() => string.Join(",", Segments.Take(1).Select(s => s.Start.ToString()).Concat(Segments.Select(s => s.End.ToString())));
}

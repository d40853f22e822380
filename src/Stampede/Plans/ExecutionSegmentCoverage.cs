namespace Stampede.Plans;

/// <summary>
/// Whether the segments of results to be merged fit together: each read from its result's metadata (none means the
/// whole plan), no two overlapping (the same load would count twice), and each share of 0 to 1 that none covers
/// named, so a merge can warn which part of the load is missing.
/// </summary>
internal sealed record ExecutionSegmentCoverage(IReadOnlyList<PlanError> Errors, IReadOnlyList<PlanError> Warnings, ExecutionSegment? Covered)
{
    /// <param name="parts">Each part's name (its file) and the segment its result records.</param>
    public static ExecutionSegmentCoverage Of(IReadOnlyList<(string Source, string? Segment)> parts)
    {
        var errors = new List<PlanError>();
        var read = new List<(string Source, ExecutionSegment Segment)>();
        foreach (var (source, text) in parts)
        {
            if (ExecutionSegment.TryParse(text ?? "", out var segment, out var error))
            {
                read.Add((source, segment));
            }
            else
            {
                errors.Add(new PlanError($"{source}: meta.segment", error));
            }
        }

        var warnings = new List<PlanError>();
        var ordered = read.OrderBy(p => p.Segment.Start).ToList();
        var reached = Rational.Zero;
        var holes = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var (source, segment) = ordered[i];
            if (i > 0 && segment.Start < ordered[i - 1].Segment.End)
            {
                errors.Add(new PlanError(source, $"segment {segment} overlaps segment {ordered[i - 1].Segment} of {ordered[i - 1].Source}: that share of the load would count twice"));
            }

            if (i > 0 && AddGap(reached, segment.Start, warnings))
            {
                holes++;
            }
            else if (i == 0)
            {
                AddGap(reached, segment.Start, warnings);
            }

            reached = segment.End > reached ? segment.End : reached;
        }

        if (ordered.Count > 0)
        {
            AddGap(reached, Rational.One, warnings);
        }

        ExecutionSegment? covered = null;
        if (errors.Count == 0 && ordered.Count > 0 && holes == 0)
        {
            // Contiguous: the merged result stands for the span from the first segment's start to the last one's end.
            ExecutionSegment.TryCreate(ordered[0].Segment.Start, reached, out covered, out _);
        }

        return new ExecutionSegmentCoverage(errors, warnings, covered);
    }

    private static bool AddGap(Rational from, Rational to, List<PlanError> warnings)
    {
        if (from < to && ExecutionSegment.TryCreate(from, to, out var gap, out _))
        {
            warnings.Add(new PlanError("merge", $"segment {gap} is absent: no part covers {Math.Round(gap.Length * 100, 2)}% of the load, so the merged result is short of it"));
            return true;
        }

        return false;
    }
}

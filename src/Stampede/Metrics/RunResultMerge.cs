namespace Stampede.Metrics;

/// <summary>
/// Combines the results of one plan's segments, run on several machines at once, into the result one machine running
/// the whole plan would have written. Exact where the parts allow: histograms are added (so every percentile is the
/// one of all samples, within HdrHistogram's precision), counters, rates, checks, scenario totals and errors are
/// summed. The generator's own VU gauges (<c>vus</c>, <c>vus_max</c>) are summed, since each machine's VUs are part
/// of the whole; any other gauge measures something the machines share (a queue on the target), so it keeps the last
/// value any part saw and the extremes over all. Timelines are aligned on wall-clock seconds from the earliest start.
/// Thresholds are not judged here: the thresholds layer judges them again on the merged values.
/// </summary>
internal static class RunResultMerge
{
    private static readonly HashSet<string> SummedGauges = [BuiltinMetrics.Vus.Name, BuiltinMetrics.VusMax.Name];

    private readonly record struct Placed<T>(T Item, int Offset, int Part);

    public static RunResult Merge(IReadOnlyList<RunResult> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("nothing to merge", nameof(parts));
        }

        var start = parts.Min(p => p.Meta.StartedAt);
        var shifts = parts.Select(p => (p.Meta.StartedAt - start).TotalSeconds).ToArray();
        var offsets = shifts.Select(s => (int)Math.Round(s)).ToArray();

        // The part that ended last holds a shared gauge's last value.
        var lastPart = Enumerable.Range(0, parts.Count).MaxBy(i => parts[i].Meta.EndedAt);
        var duration = Enumerable.Range(0, parts.Count).Max(i => shifts[i] + parts[i].Meta.DurationSeconds);
        var first = parts[0].Meta;
        var sequences = parts.Select(p => p.Meta.SegmentSequence).Distinct().ToList();
        var stops = parts.Select(p => p.Meta.StopReason).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new RunResult
        {
            Meta = first with
            {
                StartedAt = start,
                EndedAt = parts.Max(p => p.Meta.EndedAt),
                DurationSeconds = duration,
                Host = string.Join(", ", parts.Select(p => p.Meta.Host).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal)),
                Processors = parts.Sum(p => p.Meta.Processors),
                StopReason = stops.Count == 0 ? null : string.Join("; ", stops),
                Seconds = Enumerable.Range(0, parts.Count).Max(i => offsets[i] + parts[i].Meta.Seconds),
                SegmentSequence = sequences.Count == 1 ? sequences[0] : null,
                Segments = [.. parts.Select(p => new SegmentPart
                {
                    Segment = p.Meta.Segment ?? "0:1",
                    Host = p.Meta.Host,
                    StartedAt = p.Meta.StartedAt,
                    DurationSeconds = p.Meta.DurationSeconds,
                    StopReason = p.Meta.StopReason,
                })],
                Notes = null,
            },
            Metrics = MergeMetrics(parts, offsets, lastPart, duration),
            Checks = [.. parts.SelectMany(p => p.Checks)
                .GroupBy(c => (c.Group, c.Name))
                .Select(g => new CheckResult(g.Key.Name, g.Key.Group, g.Sum(c => c.Passes), g.Sum(c => c.Fails)))
                .OrderBy(c => c.Group, StringComparer.Ordinal)],
            Thresholds = parts[0].Thresholds,
            Scenarios = [.. parts.SelectMany(p => p.Scenarios)
                .GroupBy(s => s.Name, StringComparer.Ordinal)
                .Select(g => g.First() with
                {
                    Iterations = g.Sum(s => s.Iterations),
                    FailedIterations = g.Sum(s => s.FailedIterations),
                    InterruptedIterations = g.Sum(s => s.InterruptedIterations),
                    DroppedIterations = g.Sum(s => s.DroppedIterations),
                    Vus = g.Sum(s => s.Vus),
                })],
            Errors = [.. parts.SelectMany(p => p.Errors)
                .GroupBy(e => (e.Scenario, e.Message))
                .Select(g => new ErrorResult(g.Key.Scenario, g.Key.Message, g.Sum(e => e.Count)))],
            Annotations = [.. parts.SelectMany((p, i) => p.Annotations.Select(a => a with { At = a.At + shifts[i], End = a.End + shifts[i] })).OrderBy(a => a.At)],
        };
    }

    private static List<MetricResult> MergeMetrics(IReadOnlyList<RunResult> parts, int[] offsets, int lastPart, double duration)
    {
        var merged = new List<MetricResult>();
        var metrics = parts.SelectMany((p, i) => p.Metrics.Select(m => new Placed<MetricResult>(m, offsets[i], i)));
        foreach (var group in metrics.GroupBy(m => m.Item.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var kind = group.First().Item.Kind;
            var unit = group.First().Item.Unit;
            var summed = kind != MetricKind.Gauge || SummedGauges.Contains(group.Key);
            var series = group
                .SelectMany(m => m.Item.Series.Select(s => new Placed<SeriesResult>(s, m.Offset, m.Part)))
                .GroupBy(s => TagKey(s.Item.Tags), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => MergeSeries([.. g], kind, unit, summed, lastPart, duration))
                .ToList();
            var values = MetricValues.Of(kind, unit, series.Select(SeriesTotals.Of), duration);
            merged.Add(new MetricResult
            {
                Name = group.Key,
                Kind = kind,
                Unit = unit,
                Values = values.ToResult(),
                Histogram = values.Histogram is { TotalCount: > 0 } histogram ? HistogramCodec.Encode(histogram) : null,
                Timeline = MergeTimeline([.. group.Where(m => m.Item.Timeline is not null).Select(m => new Placed<TimelineResult>(m.Item.Timeline!, m.Offset, m.Part))], kind, summed),
                Series = series,
            });
        }

        return merged;
    }

    private static SeriesResult MergeSeries(List<Placed<SeriesResult>> parts, MetricKind kind, MetricUnit unit, bool summed, int lastPart, double duration)
    {
        MetricValues values;
        if (kind == MetricKind.Gauge)
        {
            var set = parts.Where(p => p.Item.Values.Value is not null).ToList();
            Placed<SeriesResult>? last = set.Count == 0 ? null : set.Any(p => p.Part == lastPart) ? set.First(p => p.Part == lastPart) : set[^1];
            var totals = new SeriesTotals
            {
                Value = summed ? set.Sum(p => p.Item.Values.Value) : last?.Item.Values.Value,
                Min = summed ? set.Sum(p => p.Item.Values.Min ?? 0) : set.Min(p => p.Item.Values.Min),
                Max = summed ? set.Sum(p => p.Item.Values.Max ?? 0) : set.Max(p => p.Item.Values.Max),
            };
            values = MetricValues.Of(kind, unit, set.Count == 0 ? [] : [totals], duration);
        }
        else
        {
            // The same rule that aggregates a metric's series during a run, fed with the parts of one series.
            values = MetricValues.Of(kind, unit, parts.Select(p => SeriesTotals.Of(p.Item)), duration);
        }

        return new SeriesResult
        {
            Tags = parts[0].Item.Tags,
            Values = values.ToResult(),
            Histogram = values.Histogram is { TotalCount: > 0 } histogram ? HistogramCodec.Encode(histogram) : null,
            Timeline = MergeTimeline([.. parts.Where(p => p.Item.Timeline is not null).Select(p => new Placed<TimelineResult>(p.Item.Timeline!, p.Offset, p.Part))], kind, summed),
        };
    }

    /// <summary>
    /// Lays the parts' per-second points on one time line. A merged second's percentiles are the parts' own, weighted
    /// by their samples: the per-second histograms are not kept, so these are close, not exact; the whole run's
    /// percentiles come from the merged histograms and are.
    /// </summary>
    private static TimelineResult? MergeTimeline(List<Placed<TimelineResult>> parts, MetricKind kind, bool summed)
    {
        if (parts.Count == 0)
        {
            return null;
        }

        var from = parts.Min(p => p.Offset + p.Item.Start);
        var to = parts.Max(p => p.Offset + p.Item.Start + Length(p.Item));
        var length = Math.Max(0, to - from);
        switch (kind)
        {
            case MetricKind.Counter:
            case MetricKind.Gauge:
                var values = new double[length];
                var seen = new bool[length];
                foreach (var (timeline, offset, _) in parts)
                {
                    for (var i = 0; i < (timeline.Values?.Count ?? 0); i++)
                    {
                        var at = offset + timeline.Start + i - from;
                        values[at] = !seen[at] ? timeline.Values![i] : kind == MetricKind.Counter || summed ? values[at] + timeline.Values![i] : Math.Max(values[at], timeline.Values![i]);
                        seen[at] = true;
                    }
                }

                return new TimelineResult { Start = from, Values = values };
            case MetricKind.Rate:
                var passes = new long[length];
                var total = new long[length];
                foreach (var (timeline, offset, _) in parts)
                {
                    for (var i = 0; i < (timeline.Total?.Count ?? 0); i++)
                    {
                        var at = offset + timeline.Start + i - from;
                        passes[at] += timeline.Passes?[i] ?? 0;
                        total[at] += timeline.Total![i];
                    }
                }

                return new TimelineResult { Start = from, Passes = passes, Total = total };
            default:
                return MergeTrendTimeline(parts, from, length);
        }
    }

    private static TimelineResult MergeTrendTimeline(List<Placed<TimelineResult>> parts, int from, int length)
    {
        var count = new long[length];
        var avg = new double[length];
        var min = new double[length];
        var max = new double[length];
        double[][] percentiles = [new double[length], new double[length], new double[length], new double[length]];
        foreach (var (timeline, offset, _) in parts)
        {
            IReadOnlyList<double>?[] columns = [timeline.P50, timeline.P90, timeline.P95, timeline.P99];
            for (var i = 0; i < (timeline.Total?.Count ?? 0); i++)
            {
                var n = timeline.Total![i];
                if (n == 0)
                {
                    continue;
                }

                var at = offset + timeline.Start + i - from;
                var before = count[at];
                var all = before + n;
                double Weighted(double mine, double theirs) => (mine * before + theirs * n) / all;
                avg[at] = Weighted(avg[at], timeline.Avg?[i] ?? 0);
                min[at] = before == 0 ? timeline.Min?[i] ?? 0 : Math.Min(min[at], timeline.Min?[i] ?? 0);
                max[at] = Math.Max(max[at], timeline.Max?[i] ?? 0);
                for (var p = 0; p < percentiles.Length; p++)
                {
                    percentiles[p][at] = Weighted(percentiles[p][at], columns[p]?[i] ?? 0);
                }

                count[at] = all;
            }
        }

        return new TimelineResult
        {
            Start = from,
            Total = count,
            Avg = avg,
            Min = min,
            Max = max,
            P50 = percentiles[0],
            P90 = percentiles[1],
            P95 = percentiles[2],
            P99 = percentiles[3],
        };
    }

    private static int Length(TimelineResult timeline) =>
        timeline.Values?.Count ?? timeline.Total?.Count ?? 0;

    private static string TagKey(IReadOnlyDictionary<string, string> tags) =>
        string.Join("\u0001", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}\u0002{t.Value}"));
}

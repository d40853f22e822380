using System.CommandLine;
using System.Globalization;
using Stampede.Cli.Hosting;
using Stampede.History;
using Stampede.History.Store;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede history</c>: lists stored runs with their verdict and headline figures, or with <c>--metric</c>
/// one figure across runs (a trend: did p95 creep up over the last twenty nightlies?).
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(IConsoleHost host)
    {
        var store = HistoryStoreOption.Create();
        var plan = new Option<string?>("--plan") { Description = "Only runs of this plan." };
        var last = new Option<int>("--last", "-n") { Description = "How many of the newest runs.", DefaultValueFactory = _ => 20 };
        var tag = new Option<string?>("--tag") { Description = "Only runs with this tag, KEY or KEY=VALUE." };
        var metric = new Option<string?>("--metric") { Description = "Show one figure across runs, e.g. http_req_duration:p95 or http_reqs:rate." };
        var command = new Command("history", "List stored runs (newest first) with verdict and headline figures, or one metric across runs.") { store, plan, last, tag, metric };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new RunQuery { Plan = parse.GetValue(plan), Last = Math.Max(1, parse.GetValue(last)) };
            if (parse.GetValue(tag) is { } tagText)
            {
                var equals = tagText.IndexOf('=', StringComparison.Ordinal);
                query = equals < 0 ? query with { TagKey = tagText } : query with { TagKey = tagText[..equals], TagValue = tagText[(equals + 1)..] };
            }

            await using var runs = StoredRuns.Open(host, parse.GetValue(store));
            if (parse.GetValue(metric) is { } selector)
            {
                var (name, aggregation) = Aggregation.ParseSelector(selector);
                if (aggregation is null && selector.Contains(':', StringComparison.Ordinal))
                {
                    ErrorReport.Write(host.Error, [new PlanError("--metric", $"'{selector}': unknown figure; use one of {string.Join(", ", Aggregation.Names)}")]);
                    return ExitCodes.BadInput;
                }

                if (await runs.ReadAsync(r => r.TrendAsync(name, aggregation ?? "p95", query, cancellationToken)).ConfigureAwait(false) is not { } points)
                {
                    return runs.ExitCode;
                }

                WriteTrend(host.Out, $"{name}:{aggregation ?? "p95"}", points);
                return ExitCodes.Ok;
            }

            if (await runs.ReadAsync(r => r.ListAsync(query, cancellationToken)).ConfigureAwait(false) is not { } listed)
            {
                return runs.ExitCode;
            }

            WriteRuns(host.Out, listed);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteRuns(TextWriter output, IReadOnlyList<RunSummary> runs)
    {
        if (runs.Count == 0)
        {
            output.WriteLine("no runs stored yet: every 'stampede run' stores one (see 'stampede run --help', --store, --no-history)");
            return;
        }

        string[] header = ["run", "started (UTC)", "plan", "verdict", "duration", "requests", "req/s", "p95", "errors", "commit", "tags"];
        var rows = runs.Select(r => new[]
        {
            $"#{r.Id}",
            r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            r.Plan,
            r.Verdict,
            $"{r.DurationSeconds.ToString("0", CultureInfo.InvariantCulture)}s",
            r.Requests?.ToString("0", CultureInfo.InvariantCulture) ?? "-",
            r.RequestRate?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-",
            r.P95 is { } p95 ? $"{p95.ToString("0.##", CultureInfo.InvariantCulture)}ms" : "-",
            r.ErrorRate is { } errors ? $"{(errors * 100).ToString("0.00", CultureInfo.InvariantCulture)}%" : "-",
            r.GitCommit is { Length: >= 7 } commit ? commit[..7] : "-",
            string.Join(",", r.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")),
        }).ToList();
        WriteTable(output, header, rows);
    }

    private static void WriteTrend(TextWriter output, string selector, IReadOnlyList<TrendPoint> points)
    {
        if (points.Count == 0)
        {
            output.WriteLine($"no stored run has {selector}");
            return;
        }

        var max = points.Max(p => Math.Abs(p.Value));
        string[] header = ["run", "started (UTC)", "commit", selector, "vs previous", ""];
        var rows = points.Select((p, i) => new[]
        {
            $"#{p.RunId}",
            p.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            p.GitCommit is { Length: >= 7 } commit ? commit[..7] : "-",
            p.Value.ToString("0.###", CultureInfo.InvariantCulture),
            i == 0 || points[i - 1].Value == 0 ? "" : ((p.Value - points[i - 1].Value) / Math.Abs(points[i - 1].Value) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%",
            new string('█', max == 0 ? 0 : (int)Math.Round(Math.Abs(p.Value) / max * 30)),
        }).ToList();
        WriteTable(output, header, rows);
    }

    private static void WriteTable(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}

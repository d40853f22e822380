using Shouldly;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Tests.Outputs;

public sealed class LocustCsvOutputTests
{
    private static readonly string[] StatsHeader =
    [
        "Type", "Name", "Request Count", "Failure Count", "Median Response Time", "Average Response Time", "Min Response Time", "Max Response Time",
        "Average Content Size", "Requests/s", "Failures/s", "50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%",
    ];

    private static readonly string[] HistoryHeader =
    [
        "Timestamp", "User Count", "Type", "Name", "Requests/s", "Failures/s", "50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%",
        "Total Request Count", "Total Failure Count", "Total Median Response Time", "Total Average Response Time", "Total Min Response Time",
        "Total Max Response Time", "Total Average Content Size",
    ];

    [Fact]
    public async Task EndAsync_RealRun_WritesLocustsFilesWithItsColumnsAndTheRunsCounts()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-csv-").FullName;
        try
        {
            var result = await OutputRuns.HttpAsync();
            await new LocustCsvOutput(Path.Combine(folder, "run")).EndAsync(result, TestContext.Current.CancellationToken);

            var stats = Rows(Path.Combine(folder, "run_stats.csv"));
            stats[0].ShouldBe(StatsHeader);
            stats.Count.ShouldBe(4);   // header, /hit, /status/500, Aggregated
            var aggregated = stats[^1];
            aggregated[1].ShouldBe("Aggregated");
            aggregated[2].ShouldBe(result.Metric("http_reqs")!.Values.Count!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            aggregated[3].ShouldBe(result.Metric("http_req_failed")!.Values.Passes!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            stats.Skip(1).ShouldAllBe(row => row.Length == StatsHeader.Length);

            var history = Rows(Path.Combine(folder, "run_stats_history.csv"));
            history[0].ShouldBe(HistoryHeader);
            history.Count.ShouldBe(result.Meta.Seconds + 1);
            history[^1][17].ShouldBe(aggregated[2]);   // the last total equals the run's total

            var failures = Rows(Path.Combine(folder, "run_failures.csv"));
            failures[0].ShouldBe(["Method", "Name", "Error", "Occurrences"]);
            failures.Skip(1).ShouldHaveSingleItem()[2].ShouldStartWith("status 500");

            Rows(Path.Combine(folder, "run_exceptions.csv"))[0].ShouldBe(["Count", "Message", "Traceback", "Nodes"]);
            var metrics = Rows(Path.Combine(folder, "run_metrics.csv"));
            metrics.Skip(1).Where(r => r[2] == "http_reqs").Sum(r => double.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture))
                .ShouldBe(result.Metric("http_reqs")!.Values.Count!.Value);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string[]> Rows(string path) =>
        [.. File.ReadAllText(path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(','))];

    [Fact]
    public async Task Stats_EndpointWhoseRequestsAllGotNoResponse_CountsThemAsRequestsAndFailuresLikeLocust()
    {
        var result = await OutputRuns.HalfUnansweredAsync();

        var stats = LocustCsvOutput.Stats(result).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();

        var gone = stats.Single(row => row[1].EndsWith("/gone", StringComparison.Ordinal));
        gone[2].ShouldBe("6");   // Request Count includes the failures
        gone[3].ShouldBe("6");
        gone[4].ShouldBe("N/A");   // no response, so no time: not a 0 ms median
        gone[11..].ShouldAllBe(cell => cell == "N/A");
        var hit = stats.Single(row => row[1].EndsWith("/hit", StringComparison.Ordinal));
        hit[2].ShouldBe("6");
        hit[3].ShouldBe("0");
        var aggregated = stats[^1];
        aggregated[1].ShouldBe("Aggregated");
        aggregated[2].ShouldBe("12");
        aggregated[3].ShouldBe("6");
        double.Parse(aggregated[4], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);

        var history = LocustCsvOutput.StatsHistory(result).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
        history[^1][17].ShouldBe("12");   // Total Request Count
        history[^1][18].ShouldBe("6");    // Total Failure Count
    }
}

using Shouldly;
using Stampede.Monitoring.Prometheus;
using Xunit;

namespace Stampede.Tests.Monitoring.Prometheus;

public sealed class PrometheusTextParserTests
{
    private const string TextFormat = """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        # Escaping in label values:
        msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

        # Minimalistic line:
        metric_without_timestamp_and_labels 12.47

        # A weird metric from before the epoch:
        something_weird{problem="division by zero"} +Inf -3982045

        # A histogram, which has a pretty complex representation in the text format:
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320

        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.99"} 76656
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693
        # TYPE backend_loop_hz gauge
        backend_loop_hz 99.5
        """;

    [Fact]
    public void Parse_TextFormatExample_ReadsEverySample()
    {
        var page = PrometheusTextParser.Parse(TextFormat);

        page.Errors.ShouldBeEmpty();
        page.Samples.Count.ShouldBe(13);
        var first = page.Samples[0];
        first.Name.ShouldBe("http_requests_total");
        first.Labels.ShouldBe([new("method", "post"), new("code", "200")]);
        first.Value.ShouldBe(1027);
        first.Timestamp.ShouldBe(1395066363000);
        page.Samples[2].Labels.ShouldBe([new("path", @"C:\DIR\FILE.TXT"), new("error", "Cannot find file:\n\"FILE.TXT\"")]);
        page.Samples[2].Value.ShouldBe(1.458255915e9);
        page.Samples[3].Labels.ShouldBeEmpty();
        page.Samples[4].Value.ShouldBe(double.PositiveInfinity);
        page.Samples[4].Timestamp.ShouldBe(-3982045);
        page.Samples[^1].Value.ShouldBe(99.5);
    }

    [Fact]
    public void IsCumulative_TypedFamilies_CountersAndHistogramPartsOnly()
    {
        var page = PrometheusTextParser.Parse(TextFormat);

        page.IsCumulative("http_requests_total").ShouldBeTrue();
        page.IsCumulative("http_request_duration_seconds_bucket").ShouldBeTrue();
        page.IsCumulative("http_request_duration_seconds_count").ShouldBeTrue();
        page.IsCumulative("rpc_duration_seconds_sum").ShouldBeTrue();
        page.IsCumulative("rpc_duration_seconds").ShouldBeFalse();
        page.IsCumulative("backend_loop_hz").ShouldBeFalse();
        page.IsCumulative("metric_without_timestamp_and_labels").ShouldBeFalse();
        page.FamilyOf("http_request_duration_seconds_bucket").ShouldBe("http_request_duration_seconds");
    }

    [Fact]
    public void Parse_OpenMetrics_ReadsFamiliesExemplarsAndStopsAtEof()
    {
        const string text = """
            # TYPE acme_http_router_request counter
            # UNIT acme_http_router_request seconds
            # HELP acme_http_router_request Total number of requests.
            acme_http_router_request_total{path="/api/v1",method="GET"} 1.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
            acme_http_router_request_created{path="/api/v1",method="GET"} 1520872607.123
            # TYPE foo gaugehistogram
            foo_bucket{le="+Inf"} 17
            foo_gcount 17
            foo_gsum 324789.3
            # TYPE nan_gauge gauge
            nan_gauge NaN
            # EOF
            after_eof 1
            """;

        var page = PrometheusTextParser.Parse(text);

        page.Errors.ShouldBeEmpty();
        page.Samples.Select(s => s.Name).ShouldBe(["acme_http_router_request_total", "acme_http_router_request_created", "foo_bucket", "foo_gcount", "foo_gsum", "nan_gauge"]);
        page.Samples[0].Timestamp.ShouldBe(1520879607.789);
        double.IsNaN(page.Samples[^1].Value).ShouldBeTrue();
        page.IsCumulative("acme_http_router_request_total").ShouldBeTrue();
        page.IsCumulative("acme_http_router_request_created").ShouldBeFalse();
        page.IsCumulative("foo_bucket").ShouldBeFalse();
    }

    [Fact]
    public void Parse_QuotedUtf8NameAndTrailingComma_ReadsThem()
    {
        var page = PrometheusTextParser.Parse("{\"my.dotted.metric\",zone=\"a\",} 5\nplain{a=\"1\",} -Inf\n");

        page.Errors.ShouldBeEmpty();
        page.Samples[0].Name.ShouldBe("my.dotted.metric");
        page.Samples[0].Labels.ShouldBe([new("zone", "a")]);
        page.Samples[1].Value.ShouldBe(double.NegativeInfinity);
    }

    [Theory]
    [InlineData("no_value", "expected a space before the value")]
    [InlineData("bad{a=1} 2", "expected a quoted value for label 'a'")]
    [InlineData("bad{a=\"1} 2", "unterminated quoted string")]
    [InlineData("bad 12abc", "expected a number, +Inf, -Inf or NaN as the value")]
    [InlineData("bad 1 2 3", "unexpected '3' after the value")]
    [InlineData("9bad 1", "expected a metric name")]
    public void Parse_MalformedLine_ReportsItAndKeepsTheRest(string line, string message)
    {
        var page = PrometheusTextParser.Parse($"good 1\n{line}\ngood 2\n");

        page.Samples.Select(s => s.Value).ShouldBe([1, 2]);
        page.Errors.ShouldBe([$"line 2: {message}"]);
    }

    [Theory]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("1e3", 1000)]
    [InlineData("-0.5", -0.5)]
    public void TryParseValue_FormatSpellings_Parses(string text, double expected)
    {
        PrometheusTextParser.TryParseValue(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Fact]
    public void TryParseValue_DotNetInfinitySpelling_IsRejected() =>
        PrometheusTextParser.TryParseValue("Infinity", out _).ShouldBeFalse();
}

using System.Text;
using Shouldly;
using Stampede.DemoTarget.Observability;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Observability;

public class PrometheusTextWriterTests
{
    [Fact]
    public void Sample_LabelsNeedingEscapes_AreEscaped()
    {
        var text = new StringBuilder();

        new PrometheusTextWriter(text).Sample("m", 1, ("path", "a\\b\"c\nd"));

        text.ToString().ShouldBe("m{path=\"a\\\\b\\\"c\\nd\"} 1\n");
    }

    [Fact]
    public void Family_HelpWithBackslashAndNewline_IsEscaped()
    {
        var text = new StringBuilder();

        new PrometheusTextWriter(text).Family("m_total", "counter", "one\\two\nthree");

        text.ToString().ShouldBe("# HELP m_total one\\\\two\\nthree\n# TYPE m_total counter\n");
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.25, "0.25")]
    [InlineData(1e21, "1E+21")]
    public void FormatValue_SpecialAndPlainNumbers_PrometheusSpelling(double value, string expected)
    {
        PrometheusTextWriter.FormatValue(value).ShouldBe(expected);
    }

    [Fact]
    public void Histogram_BucketCounts_WrittenCumulativeWithInfSumAndCount()
    {
        var text = new StringBuilder();

        new PrometheusTextWriter(text).Histogram("h_seconds", [0.1, 1], [2, 3], 4.5, 6, ("route", "/x"));

        text.ToString().ShouldBe(
            "h_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n" +
            "h_seconds_bucket{route=\"/x\",le=\"1\"} 5\n" +
            "h_seconds_bucket{route=\"/x\",le=\"+Inf\"} 6\n" +
            "h_seconds_sum{route=\"/x\"} 4.5\n" +
            "h_seconds_count{route=\"/x\"} 6\n");
    }

    [Fact]
    public async Task Output_FamiliesOfEveryKind_PassesPromtool()
    {
        var text = new StringBuilder();
        var writer = new PrometheusTextWriter(text);
        writer.Family("things_total", "counter", "Things.");
        writer.Sample("things_total", 3, ("kind", "a\"b"));
        writer.Family("level_bytes", "gauge", "Level.");
        writer.Sample("level_bytes", double.NaN);
        writer.Family("wait_seconds", "histogram", "Waits.");
        writer.Histogram("wait_seconds", [0.5], [1], 0.2, 1);

        var (exitCode, output) = await Promtool.CheckMetricsAsync(text.ToString());

        exitCode.ShouldBe(0, output);
    }
}

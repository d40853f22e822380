namespace Stampede.Cli.Tests.Commands;

public sealed class ReportCommandTests(SampleResultFixture sample) : IClassFixture<SampleResultFixture>
{
    [Theory]
    [InlineData("report.html", "<script id=\"report-data\"")]
    [InlineData("summary.md", "## ❌ Stampede: sample failed")]
    [InlineData("junit.xml", "<testsuites name=\"sample\"")]
    public async Task Report_SavedResult_WritesTheFormatOfTheOutputsExtension(string name, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("stampede-report-").FullName;
        try
        {
            var host = new TestConsoleHost();
            var target = Path.Combine(folder, name);

            var exit = await StampedeCli.RunAsync(["report", sample.JsonPath, "-o", target], host);

            exit.ShouldBe(0, host.ErrorText.ToString());
            (await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken)).ShouldContain(expected);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Report_NotAResult_ExitsWithBadInputAndSaysWhy()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "{\"hello\": 1}", TestContext.Current.CancellationToken);
            var host = new TestConsoleHost();

            var exit = await StampedeCli.RunAsync(["report", path], host);

            exit.ShouldBe(2);
            host.ErrorText.ToString().ShouldContain("not a Stampede result");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Report_UnknownMetricKind_ExitsWithBadInputAndNamesTheKind()
    {
        var written = await File.ReadAllTextAsync(sample.JsonPath, TestContext.Current.CancellationToken);
        var path = Path.GetTempFileName();
        try
        {
            var json = written.Replace("\"kind\":\"trend\"", "\"kind\":\"histogram\"", StringComparison.Ordinal);
            json.ShouldNotBe(written);
            await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
            var host = new TestConsoleHost();

            var exit = await StampedeCli.RunAsync(["report", path], host);

            exit.ShouldBe(2);
            var error = host.ErrorText.ToString();
            error.ShouldContain(path);
            error.ShouldContain("unknown metric kind 'histogram': expected counter, gauge, rate or trend");
            error.ShouldNotContain(" at Stampede.");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

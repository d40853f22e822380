namespace Stampede.Cli.Tests.Outputs;

public sealed class OutputFactoryTests
{
    [Theory]
    [InlineData("prometheus=nine", "expected [HOST]:PORT")]
    [InlineData("pushgateway=not a url", "expected an http(s) URL")]
    [InlineData("otlp=ftp://127.0.0.1/", "expected an http(s) URL")]
    [InlineData("pushgateway=http://127.0.0.1:9091?interval=soon", "interval")]
    [InlineData("htlm=report.html", "did you mean 'html'?")]
    public async Task Run_BadOutputSpec_ExitsWithBadInputBeforeRunning(string spec, string message)
    {
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["run", "--url", "http://127.0.0.1:9/", "-d", "1s", "--out", spec, "--quiet"], host);

        exit.ShouldBe(2);
        host.ErrorText.ToString().ShouldContain(message);
    }
}

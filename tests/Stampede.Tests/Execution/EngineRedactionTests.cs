using Shouldly;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Execution;

/// <summary>Credentials in request URLs, check names and error messages stay out of the result.</summary>
public sealed class EngineRedactionTests : IAsyncLifetime
{
    private CountingServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await CountingServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RunAsync_SecretsInUrlsChecksAndErrors_ResultCarriesNoneOfThem()
    {
        var url = new Uri(_server.BaseAddress, "hit?api_key=KEY-7f3a&session=SES-91c2&page=2").AbsoluteUri;
        var plan = TestPlan.Create("secrets")
            .BaseUrl(_server.BaseAddress.ToString())
            .Redact("session")
            .Scenario("work", s => s.PerVuIterations(vus: 1, iterations: 3).Iteration(async vu =>
            {
                var response = await vu.Http.GetAsync(url);
                vu.Check($"GET /hit?token=TOK-55aa is {response.Status}", response.Status == 200);
                throw new InvalidOperationException("failed at http://ops:PASS-0d1e@127.0.0.1/hit?secret=SEC-ab12");
            }))
            .Threshold($"http_req_duration{{name:{url}}}", "p(95)<60000")
            .Build();

        var result = await new Engine().RunAsync(plan);

        _server.Requests.ShouldBe(3);
        var json = RunResultJson.Serialize(result);
        foreach (var secret in new[] { "KEY-7f3a", "SES-91c2", "TOK-55aa", "PASS-0d1e", "SEC-ab12" })
        {
            json.ShouldNotContain(secret);
        }

        var redacted = new Uri(_server.BaseAddress, "hit?api_key=[REDACTED]&session=[REDACTED]&page=2").AbsoluteUri;
        result.Metric("http_reqs")!.Series.Single().Tags["name"].ShouldBe(redacted);
        result.Checks.Single().Name.ShouldBe("GET /hit?token=[REDACTED] is 200");
        result.Errors.Single().Message.ShouldBe("InvalidOperationException: failed at http://[REDACTED]@127.0.0.1/hit?secret=[REDACTED]");
        result.Errors.Single().Count.ShouldBe(3);
        var threshold = result.Thresholds.Single();
        threshold.Outcome.ShouldBe(ThresholdOutcomeNames.Passed);
        threshold.Metric.ShouldContain("api_key=[REDACTED]");
    }

    [Fact]
    public void Validate_RedactEntryThatIsNoParameterName_ReportsItsIndex()
    {
        TestPlan.Create("bad")
            .Redact("session", "a=b")
            .Scenario("work", s => s.PerVuIterations(1, 1).Iteration(_ => Task.CompletedTask))
            .Build(out var errors);

        var error = errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("redact[1]");
        error.Message.ShouldContain("found 'a=b'");
    }
}

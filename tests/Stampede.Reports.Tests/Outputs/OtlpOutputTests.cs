using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Stampede.Outputs;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.Reports.Tests.Outputs;

/// <summary>A tiny OTLP/HTTP receiver (Kestrel, POST /v1/metrics) counts what the output exports.</summary>
public sealed class OtlpOutputTests
{
    [Fact]
    public async Task OnSecond_OtlpReceiver_ReceivesProtobufExportsNamingTheRunsMetrics()
    {
        var bodies = new ConcurrentQueue<(string? ContentType, byte[] Body)>();
        await using var app = await StartReceiverAsync(bodies);

        await SampleRun.RunAsync("2s", [new OtlpOutput(Address(app), TimeSpan.FromMilliseconds(500))]);

        bodies.Count.ShouldBeGreaterThanOrEqualTo(2);
        bodies.ShouldAllBe(b => b.ContentType == "application/x-protobuf");
        // Protobuf keeps strings as UTF-8, so the last export names the metrics it carries.
        var last = Encoding.UTF8.GetString(bodies.Last().Body);
        last.ShouldContain("stampede_http_reqs");
        last.ShouldContain("stampede_http_req_duration_seconds");
        last.ShouldContain("browse");
    }

    [Fact]
    public async Task EndAsync_TenantRun_DataPointsCarryTenantAndUserAttributesAddingUpToTheTenantRows()
    {
        var bodies = new ConcurrentQueue<(string? ContentType, byte[] Body)>();
        await using var app = await StartReceiverAsync(bodies);

        var result = await TenantSampleRun.RunAsync([new OtlpOutput(Address(app), TimeSpan.FromMilliseconds(500))]);

        // Cumulative temporality: the final export holds the run's totals.
        var points = OtlpMetricsReader.Points(bodies.Last().Body);
        double Sum(string metric, string tenant) => points.Where(p => p.Metric == metric && p.Attributes.GetValueOrDefault("tenant") == tenant).Sum(p => p.Value);
        foreach (var row in result.Tenants.ShouldNotBeNull().Tenants)
        {
            (Sum("stampede_http_reqs", row.Tenant) + Sum("stampede_llm_requests", row.Tenant)).ShouldBe(row.Requests, row.Tenant);
            Sum("stampede_llm_cost", row.Tenant).ShouldBe(row.CostUsd, 1e-9, row.Tenant);
            Sum("stampede_http_req_duration_seconds", row.Tenant).ShouldBeGreaterThan(0, row.Tenant);
        }

        var requests = points.Where(p => p.Metric == "stampede_http_reqs").ToList();
        requests.Sum(p => p.Value).ShouldBe(result.Metric("http_reqs")!.Values.Count!.Value);
        requests.Select(p => p.Attributes["user"]).Distinct().Order().ShouldBe(["org-1/user-1", "org-1/user-2", "org-2/user-1", "org-2/user-2"]);
        requests.ShouldAllBe(p => p.Attributes["user"].StartsWith(p.Attributes["tenant"] + "/", StringComparison.Ordinal));
    }

    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<(string? ContentType, byte[] Body)> bodies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            bodies.Enqueue((request.ContentType, buffer.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

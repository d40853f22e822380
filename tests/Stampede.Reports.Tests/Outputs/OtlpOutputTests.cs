using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Reports.Tests.Outputs;

/// <summary>A tiny OTLP/HTTP receiver (Kestrel, POST /v1/metrics) counts what the output exports.</summary>
public sealed class OtlpOutputTests
{
    [Fact]
    public async Task OnSecond_OtlpReceiver_ReceivesProtobufExportsNamingTheRunsMetrics()
    {
        var bodies = new System.Collections.Concurrent.ConcurrentQueue<(string? ContentType, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            bodies.Enqueue((request.ContentType, buffer.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await SampleRun.RunAsync("2s", [new OtlpOutput(address, TimeSpan.FromMilliseconds(500))]);

        bodies.Count.ShouldBeGreaterThanOrEqualTo(2);
        bodies.ShouldAllBe(b => b.ContentType == "application/x-protobuf");
        // Protobuf keeps strings as UTF-8, so the last export names the metrics it carries.
        var last = Encoding.UTF8.GetString(bodies.Last().Body);
        last.ShouldContain("stampede_http_reqs");
        last.ShouldContain("stampede_http_req_duration_seconds");
        last.ShouldContain("browse");
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Stampede.DemoTarget.Hosting;
using Stampede.DemoTarget.Missions;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Hosting;

public class DemoJsonContextTests
{
    [Fact]
    public async Task HttpJsonOptions_ServerStarted_DemoJsonContextResolvesFirst()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);

        HttpJsonOptions(server).TypeInfoResolverChain[0].ShouldBeSameAs(DemoJsonContext.Default);
    }

    [Fact]
    public async Task EveryJsonEndpoint_ReflectionResolverRemoved_AnswersAsUnderNativeAot()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);
        // NativeAOT has no reflection resolver behind the source-generated one; take it away here too, before the
        // first request freezes the options, so a body type missing from DemoJsonContext fails this test.
        var chain = HttpJsonOptions(server).TypeInfoResolverChain;
        chain.Remove(chain.OfType<DefaultJsonTypeInfoResolver>().Single());
        using var client = DemoTargetFixture.CreateClient(server);
        using var keyed = DemoTargetFixture.CreateClient(server, server.DemoApiKey);

        (await Status(client.GetAsync("api/health"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.PostAsync("api/missions", Json("""{"name":"Aot","priority":2}""")))).ShouldBe(HttpStatusCode.Created);
        (await Status(client.PostAsync("api/missions", Json("""{"priority":9}""")))).ShouldBe(HttpStatusCode.BadRequest);
        (await Status(client.PutAsync("api/missions/1", Json("""{"name":"Aot 2"}""")))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.GetAsync("api/missions/1"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.GetAsync("api/missions"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.GetAsync("api/missions/99"))).ShouldBe(HttpStatusCode.NotFound);
        (await Status(client.GetAsync("api/specs/spec-1"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.GetAsync("api/specs/search?q=thermal"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.GetAsync("api/specs/none"))).ShouldBe(HttpStatusCode.NotFound);
        (await Status(client.PostAsync("v1/orgs", Json("""{"slug":"aot","budgetUsd":0}""")))).ShouldBe(HttpStatusCode.Created);
        (await Status(client.GetAsync("v1/orgs/aot"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.GetAsync("v1/orgs/none"))).ShouldBe(HttpStatusCode.NotFound);
        (await Status(client.PostAsync("v1/orgs/aot/invites", Json("""{"email":"a@aot.test"}""")))).ShouldBe(HttpStatusCode.Created);
        (await Status(client.PostAsync("api/chat", Json("""{"message":"hi"}""")))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.PostAsync("api/chat", Json("{}")))).ShouldBe(HttpStatusCode.BadRequest);
        (await Status(client.GetAsync("api/chat"))).ShouldBe(HttpStatusCode.BadRequest);
        (await Status(client.GetAsync("ws"))).ShouldBe(HttpStatusCode.BadRequest);
        (await Status(client.GetAsync("v1/models"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.SendAsync(Tenants.Completion(null)))).ShouldBe(HttpStatusCode.Unauthorized);
        (await Status(keyed.SendAsync(Tenants.Completion(server.DemoApiKey)))).ShouldBe(HttpStatusCode.OK);
        (await Status(keyed.PostAsync("v1/embeddings", Json("""{"input":["a","b"]}""")))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.GetAsync("api/health?fault-error-rate=1"))).ShouldBe(HttpStatusCode.InternalServerError);
        (await Status(client.GetAsync("metrics"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.PostAsync("api/echo", Json("{}")))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.GetAsync("api/health/details"))).ShouldBe(HttpStatusCode.OK);
        (await Status(client.PostAsync("api/echo", new StringContent("x") { Headers = { ContentEncoding = { "br" } } }))).ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task HttpJsonOptions_ContextOnly_WriteSameBytesAsReflection()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);
        var sourceGenerated = new JsonSerializerOptions(HttpJsonOptions(server)) { TypeInfoResolver = DemoJsonContext.Default };
        var reflection = new JsonSerializerOptions(HttpJsonOptions(server)) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        object[] values =
        [
            new OrganizationResponse("a-b", 12.5m, 0.000123m, 3, 2, 1),
            new OpenAiErrorResponse(new OpenAiError("Quote \" & <tag> é", "t", "c")),
            new Mission(1, "n", "planned", 3, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1)),
            new HealthResponse("ok", "s", "1.0", 42, 1.234, 0),
        ];

        foreach (var value in values)
        {
            JsonSerializer.Serialize(value, value.GetType(), sourceGenerated).ShouldBe(JsonSerializer.Serialize(value, value.GetType(), reflection));
        }
    }

    private static async Task<HttpStatusCode> Status(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        await response.Content.ReadAsStringAsync();
        return response.StatusCode;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static JsonSerializerOptions HttpJsonOptions(DemoTargetServer server) =>
        server.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}

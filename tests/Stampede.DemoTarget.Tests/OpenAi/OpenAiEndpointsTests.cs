using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.OpenAi;

public class OpenAiEndpointsTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    private string Key => target.Server.DemoApiKey!;

    [Fact]
    public async Task Completion_NotStreamed_ReturnsMessageAndUsage()
    {
        using var response = await target.Client.SendAsync(Tenants.Completion(Key));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await Tenants.Json(response);
        body.GetProperty("object").GetString().ShouldBe("chat.completion");
        var choice = body.GetProperty("choices")[0];
        choice.GetProperty("message").GetProperty("role").GetString().ShouldBe("assistant");
        choice.GetProperty("message").GetProperty("content").GetString().ShouldNotBeNullOrWhiteSpace();
        choice.GetProperty("finish_reason").GetString().ShouldBe("stop");
        var usage = body.GetProperty("usage");
        usage.GetProperty("prompt_tokens").GetInt32().ShouldBeGreaterThan(0);
        usage.GetProperty("completion_tokens").GetInt32().ShouldBeGreaterThan(0);
        usage.GetProperty("total_tokens").GetInt32().ShouldBe(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completion_StreamedWithUsage_RoleChunkDeltasUsageThenDone()
    {
        var request = Tenants.Completion(Key, extra: new
        {
            model = "demo-chat",
            stream = true,
            stream_options = new { include_usage = true },
            messages = new[] { new { role = "user", content = "stream it" } },
        });
        using var response = await target.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var events = await SseReader.ReadAllAsync(response);
        events[^1].Data.ShouldBe("[DONE]");
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e.Data).RootElement.Clone()).ToList();
        chunks.ShouldAllBe(c => c.GetProperty("object").GetString() == "chat.completion.chunk");
        var firstDelta = chunks[0].GetProperty("choices")[0].GetProperty("delta");
        firstDelta.GetProperty("role").GetString().ShouldBe("assistant");
        firstDelta.GetProperty("content").GetString().ShouldBe(string.Empty);
        var usageChunk = chunks[^1];
        usageChunk.GetProperty("choices").GetArrayLength().ShouldBe(0);
        var contentChunks = chunks.Skip(1).Where(c => c.GetProperty("choices").GetArrayLength() > 0
            && c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out _)).ToList();
        usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(contentChunks.Count);
        chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString().ShouldBe("stop");
    }

    [Fact]
    public async Task Completion_StreamedWithoutUsageOption_NoUsageChunk()
    {
        using var response = await target.Client.SendAsync(Tenants.Completion(Key, stream: true), HttpCompletionOption.ResponseHeadersRead);

        var events = await SseReader.ReadAllAsync(response);

        events[^1].Data.ShouldBe("[DONE]");
        events[..^1].ShouldAllBe(e => !e.Data.Contains("usage"));
    }

    [Fact]
    public async Task Completion_MaxTokens_TruncatesWithFinishReasonLength()
    {
        var request = Tenants.Completion(Key, extra: new { max_tokens = 2, messages = new[] { new { role = "user", content = "long answer" } } });

        using var response = await target.Client.SendAsync(request);

        var body = await Tenants.Json(response);
        body.GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(2);
        body.GetProperty("choices")[0].GetProperty("finish_reason").GetString().ShouldBe("length");
    }

    [Fact]
    public async Task Completion_NoUserMessage_Returns400()
    {
        var request = Tenants.Completion(Key, extra: new { messages = Array.Empty<object>() });

        using var response = await target.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Completion_Answered_ChargesTheOrganisation()
    {
        var (_, _, key) = await Tenants.CreateOrgWithKeyAsync(target.Client, "charged", 5m);

        (await target.Client.SendAsync(Tenants.Completion(key))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var org = await Tenants.Json(await target.Client.GetAsync("v1/orgs/charged"));
        org.GetProperty("spentUsd").GetDecimal().ShouldBeGreaterThan(0m);
        org.GetProperty("requests").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Embeddings_ArrayInput_ReturnsUnitVectorsPerInput()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/embeddings")
        {
            Content = JsonContent.Create(new { model = "demo-embed", input = new[] { "a", "b", "a" }, dimensions = 8 }),
        };
        request.Headers.Authorization = new("Bearer", Key);

        using var response = await target.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await Tenants.Json(response);
        var data = body.GetProperty("data").EnumerateArray().ToList();
        data.Count.ShouldBe(3);
        var vectors = data.Select(d => d.GetProperty("embedding").EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
        vectors.ShouldAllBe(v => v.Length == 8);
        Math.Sqrt(vectors[0].Sum(x => x * x)).ShouldBe(1.0, 1e-5);
        vectors[2].ShouldBe(vectors[0]);
        vectors[1].ShouldNotBe(vectors[0]);
        body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Embeddings_NoKey_Returns401()
    {
        using var response = await target.Client.PostAsJsonAsync("v1/embeddings", new { input = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Models_Listed_IncludesDemoChat()
    {
        var body = await Tenants.Json(await target.Client.GetAsync("v1/models"));

        body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ShouldContain("demo-chat");
    }

    [Fact]
    public async Task Models_Listed_WritesOpenAiModelList()
    {
        using var response = await target.Client.GetAsync("v1/models");

        WireJson.MediaTypeWithCharset(response).ShouldBe("application/json; charset=utf-8");
        (await WireJson.BodyAsync(response)).ShouldBe(
            """{"object":"list","data":[{"id":"demo-chat","object":"model","created":0,"owned_by":"stampede"},{"id":"demo-mini","object":"model","created":0,"owned_by":"stampede"},{"id":"demo-large","object":"model","created":0,"owned_by":"stampede"},{"id":"demo-embed","object":"model","created":0,"owned_by":"stampede"}]}""");
    }
}

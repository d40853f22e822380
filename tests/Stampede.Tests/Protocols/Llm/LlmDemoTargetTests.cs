using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget;
using Stampede.Metrics;
using Stampede.Protocols.Llm;
using Stampede.Tests.Protocols.Sse;
using Xunit;

namespace Stampede.Tests.Protocols.Llm;

/// <summary>The LLM client against the real demo target: its accounting must agree with ours to the cent and beyond.</summary>
public sealed class LlmDemoTargetTests : IAsyncLifetime
{
    private DemoTargetServer _server = null!;
    private readonly MetricRegistry _registry = new();

    public async ValueTask InitializeAsync() => _server = await DemoTargetServer.StartAsync(new DemoTargetOptions
    {
        Port = 0,
        TimeToFirstTokenMean = TimeSpan.FromMilliseconds(30),
        TimeToFirstTokenStdDev = TimeSpan.FromMilliseconds(5),
        InterTokenDelayMean = TimeSpan.FromMilliseconds(5),
        InterTokenDelayStdDev = TimeSpan.FromMilliseconds(1),
        AnswerTokensMean = 10,
        AnswerTokensStdDev = 2,
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ChatAsync_OpenAiStream_CostTotalEqualsTheTargetsOwnAccounting()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        (await http.PostAsJsonAsync("/v1/orgs", new { slug = "acme", budgetUsd = 5 }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var user = await (await http.PostAsJsonAsync("/v1/orgs/acme/invites", new { email = "a@b.c" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var key = await (await http.PostAsync($"/v1/orgs/acme/users/{user.GetProperty("id").GetString()}/keys", null, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var ledger = new LlmCostLedger();
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry, ledger: ledger);
        var options = new LlmOptions { ApiKey = key.GetProperty("key").GetString(), Model = "demo-large", Tenant = "acme" };

        var results = new List<LlmResult>();
        foreach (var prompt in new[] { "What is a load test?", LlmPrompts.Synthetic(50, new Random(3)), "Thanks" })
        {
            results.Add(await llm.ChatAsync(options, prompt));
        }

        results.ShouldAllBe(r => r.Ok && r.OutputTokenSource == LlmTokenSource.Usage && r.TtftMs > 0);
        var org = await http.GetFromJsonAsync<JsonElement>("/v1/orgs/acme", TestContext.Current.CancellationToken);
        org.GetProperty("spentUsd").GetDecimal().ShouldBe(ledger.Total);
        ledger.Total.ShouldBeGreaterThan(0);
        _registry.Total("llm_cost", "tenant", "acme").ShouldBe((double)ledger.Total, 1e-12);
    }

    [Fact]
    public async Task ChatAsync_WrongKey_IsAStatusError()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(new LlmOptions { ApiKey = "sk-nope" }, "hi");

        result.Error.ShouldBe(LlmErrorKind.Status);
        result.Status.ShouldBe(401);
        result.ErrorMessage.ShouldNotBeNull().ShouldContain("invalid_api_key");
    }

    [Fact]
    public async Task ChatAsync_DemoChatOverSse_CountsTokensFromTheDoneEvent()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);
        var options = new LlmOptions
        {
            Url = "/api/chat",
            Format = LlmStreamFormat.DemoChat,
            Body = (messages, _) => JsonSerializer.Serialize(new { message = messages[^1].Content }),
        };

        var result = await llm.ChatAsync(options, "hello");

        result.Error.ShouldBe(LlmErrorKind.None);
        result.OutputTokens.ShouldBe(result.Chunks);
        result.OutputTokenSource.ShouldBe(LlmTokenSource.Usage);
        result.Text.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ChatAsync_DemoChatOverWebSocket_ReusesTheSessionAcrossRequests()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);
        var options = new LlmOptions { Url = "/api/chat", Transport = LlmTransport.WebSocket, Format = LlmStreamFormat.DemoChatWebSocket };

        var first = await llm.ChatAsync(options, "hello");
        var second = await llm.ChatAsync(options, "again");

        first.Error.ShouldBe(LlmErrorKind.None);
        second.Error.ShouldBe(LlmErrorKind.None);
        second.OutputTokens.ShouldBe(second.Chunks);
        second.TtftMs!.Value.ShouldBeGreaterThan(10);
        _registry.Total("ws_sessions").ShouldBe(1);
        _registry.Total("llm_requests").ShouldBe(2);
    }
}

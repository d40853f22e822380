using System.Diagnostics;
using Shouldly;
using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Protocols.Llm;
using Stampede.Tests.Protocols.Sse;
using Xunit;

namespace Stampede.Tests.Protocols.Llm;

public sealed class VuLlmTests : IAsyncLifetime
{
    private StreamingTestServer _server = null!;
    private readonly MetricRegistry _registry = new();

    public async ValueTask InitializeAsync() => _server = await StreamingTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static LlmOptions OpenAi(string query) => new() { Url = "/llm/openai?" + query, Name = "chat", Model = "demo-chat" };

    [Fact]
    public async Task ChatAsync_OpenAiStream_MeasuresTtftItlTpotFromContentChunks()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(OpenAi("tokens=5&first=80&gap=30"), "hi");

        result.Error.ShouldBe(LlmErrorKind.None);
        result.Text.ShouldBe("t0 t1 t2 t3 t4 ");
        // The role-only first chunk arrives at once; TTFT waits for the first real content.
        result.TtftMs!.Value.ShouldBeGreaterThanOrEqualTo(75);
        result.Chunks.ShouldBe(5);
        (result.ItlMs.Count + result.CoalescedChunks).ShouldBe(4);
        // The gaps telescope to last chunk − first chunk (4 × 30 ms); one late read shortens the gap after it, so no single gap is asserted.
        result.ItlMs.Sum().ShouldBeGreaterThanOrEqualTo(90);
        result.OutputTokens.ShouldBe(5);
        result.OutputTokenSource.ShouldBe(LlmTokenSource.Usage);
        result.InputTokens.ShouldBe(11);
        result.TpotMs!.Value.ShouldBe((result.E2eMs - result.TtftMs.Value) / 4, 0.001);
        result.CostUsd.ShouldBe(((11 * 0.50m) + (5 * 1.50m)) / 1_000_000m);
        _registry.Total("llm_output_tokens", "token_source", "usage").ShouldBe(5);
        _registry.Total("llm_requests").ShouldBe(1);
        _registry.Trend("llm_ttft").Count.ShouldBe(1);
        _registry.Trend("llm_tpot").Count.ShouldBe(1);
        _registry.Trend("llm_e2e").Count.ShouldBe(1);
    }

    [Fact]
    public async Task ChatAsync_NoUsage_CountsTokensOfflineAndSpreadsEachChunksGap()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);
        var perChunk = LlmTokenCounter.For(LlmTokenizer.Cl100k, "gpt-4").ShouldNotBeNull().Count("Hello big world ");

        var result = await llm.ChatAsync(OpenAi("tokens=4&first=1&gap=40&usage=none&text=Hello%20big%20world%20") with { Model = "gpt-4" }, "hi");

        perChunk.ShouldBe(4);
        result.Error.ShouldBe(LlmErrorKind.None);
        (result.OutputTokens, result.OutputTokenSource).ShouldBe((16L, LlmTokenSource.Tokenizer));
        (result.InputTokens, result.InputTokenSource).ShouldBe((8L, LlmTokenSource.Tokenizer));   // 3 + 3 + "user" + "hi"
        // Each chunk that opened a read carries 4 tokens: its gap is recorded as 4 samples of a quarter of it.
        result.ItlMs.Count.ShouldBe((3 - result.CoalescedChunks) * 4);
        result.ItlMs.Chunk(4).ShouldAllBe(quarters => quarters.Distinct().Count() == 1 && quarters[0] > 0);
        _registry.Total("llm_output_tokens", "token_source", "tokenizer").ShouldBe(16);
        _registry.Total("llm_input_tokens", "token_source", "tokenizer").ShouldBe(8);
    }

    [Fact]
    public async Task ChatAsync_NoUsageNoTokenizer_FallsBackToChunksAndEstimate()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(OpenAi("tokens=3&first=1&gap=1&usage=none&text=Hello%20big%20world%20") with { Tokenizer = LlmTokenizer.None }, "hello");

        (result.OutputTokens, result.OutputTokenSource).ShouldBe((3L, LlmTokenSource.Chunks));
        (result.InputTokens, result.InputTokenSource).ShouldBe((2L, LlmTokenSource.Estimate));
        _registry.Total("llm_output_tokens", "token_source", "chunks").ShouldBe(3);
    }

    [Fact]
    public async Task ChatAsync_ContinuousUsage_SpreadsTheGapOverTheReportedTokens()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(OpenAi("tokens=3&first=1&gap=40&usage=continuous&per=2") with { Tokenizer = LlmTokenizer.None }, "hi");

        (result.OutputTokens, result.OutputTokenSource).ShouldBe((6L, LlmTokenSource.Usage));
        result.ItlMs.Count.ShouldBe((2 - result.CoalescedChunks) * 2);
        result.ItlMs.Chunk(2).ShouldAllBe(halves => halves[0] == halves[1] && halves[0] > 0);
    }

    [Fact]
    public async Task ChatAsync_CountEmptyChunks_TtftIncludesTheRoleOnlyChunk()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(OpenAi("tokens=2&first=150&gap=5") with { CountEmptyChunks = true }, "hi");

        // Measured from the headers: the first request of a cold process can take a second to get them.
        (result.TtftMs!.Value - result.TimeToHeadersMs).ShouldBeLessThan(100);
    }

    [Fact]
    public async Task ChatAsync_ReasoningFirst_RecordsTimeToFirstAnswerToken()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(OpenAi("mode=reasoning&tokens=2&first=10&gap=60"), "hi");

        result.TimeToFirstAnswerTokenMs!.Value.ShouldBeGreaterThanOrEqualTo(result.TtftMs!.Value + 50);
        result.Text.ShouldBe("t0 t1 ");
        _registry.Trend("llm_time_to_first_answer_token").Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("mode=status", LlmErrorKind.Status, "status")]
    [InlineData("mode=error&first=1&gap=1", LlmErrorKind.StreamError, "stream_error")]
    [InlineData("mode=event-error&first=1&gap=1", LlmErrorKind.ErrorEvent, "error_event")]
    [InlineData("mode=cut&first=1&gap=1", LlmErrorKind.Cut, "cut")]
    [InlineData("mode=length&first=1&gap=1", LlmErrorKind.Length, "length")]
    public async Task ChatAsync_Failure_IsClassifiedAndKeptOutOfLatencies(string query, LlmErrorKind kind, string tag)
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(OpenAi(query), "hi");

        result.Error.ShouldBe(kind);
        result.Good.ShouldBeFalse();
        _registry.Total("llm_errors", "error", tag).ShouldBe(1);
        _registry.TrendCount("llm_ttft").ShouldBe(0);
        _registry.TrendCount("llm_e2e").ShouldBe(0);
    }

    [Fact]
    public async Task ChatAsync_StatusError_KeepsTheServersMessage()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(OpenAi("mode=status"), "hi");

        result.Status.ShouldBe(429);
        result.ErrorMessage.ShouldNotBeNull().ShouldContain("slow down");
    }

    [Fact]
    public async Task ChatAsync_SlowFirstToken_IsFirstTokenTimeout()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(OpenAi("first=2000") with { FirstTokenTimeout = TimeSpan.FromMilliseconds(150) }, "hi");

        result.Error.ShouldBe(LlmErrorKind.FirstTokenTimeout);
        result.E2eMs.ShouldBeLessThan(1500);
    }

    [Fact]
    public async Task ChatAsync_AnthropicFormat_ReadsNamedEventsAndUsage()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var result = await llm.ChatAsync(new LlmOptions { Url = "/llm/anthropic", Format = LlmStreamFormat.Anthropic, Model = "claude" }, "hi");

        result.Error.ShouldBe(LlmErrorKind.None);
        result.Text.ShouldBe("Hello there friend");
        result.InputTokens.ShouldBe(9);
        result.OutputTokens.ShouldBe(3);
        result.FinishReason.ShouldBe("end_turn");
        result.CostUsd.ShouldBe(0);   // no price for this model
    }

    [Fact]
    public async Task ChatAsync_Slo_DecidesGoodput()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);

        var fast = await llm.ChatAsync(OpenAi("tokens=2&first=1&gap=1") with { Slo = LlmSlo.Parse("ttft<5s, tpot<5s") }, "hi");
        var slow = await llm.ChatAsync(OpenAi("tokens=2&first=60&gap=1") with { Slo = LlmSlo.Parse("ttft<20ms") }, "hi");

        fast.Good.ShouldBeTrue();
        slow.Good.ShouldBeFalse();
        var goodput = _registry.SeriesOf("llm_goodput").Cast<RateSeries>().Single();
        (goodput.Passes, goodput.Total).ShouldBe((1L, 2L));
    }

    [Fact]
    public async Task ChatAsync_ScheduledStart_RecordsTtftAndE2eFromTheSchedule()
    {
        var scheduled = Stopwatch.GetTimestamp() - Stopwatch.Frequency / 10;   // "due" 100 ms ago
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry, scheduled: () => scheduled);

        var result = await llm.ChatAsync(OpenAi("tokens=2&first=1&gap=1"), "hi");

        _registry.Trend("llm_ttft_scheduled").Min.ShouldBeGreaterThanOrEqualTo(result.TtftMs!.Value + 95);
        _registry.Trend("llm_e2e_scheduled").Min.ShouldBeGreaterThanOrEqualTo(result.E2eMs + 95);
    }

    [Fact]
    public async Task ChatAsync_CostLimitPassed_RequestsAGracefulStop()
    {
        var control = new RunControl();
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry, control);
        var options = OpenAi("tokens=2&first=1&gap=1") with { CostLimitUsd = 0.00001m };   // each request costs $0.0000085

        await llm.ChatAsync(options, "hi");
        control.StopReason.ShouldBeNull();
        await llm.ChatAsync(options, "hi");

        control.StopReason.ShouldNotBeNull().ShouldContain("cost limit");
        control.Graceful.IsCancellationRequested.ShouldBeTrue();
        llm.RunSpendUsd.ShouldBe(0.000017m);
    }

    [Fact]
    public async Task Conversation_SuccessfulTurns_CarryTheHistory()
    {
        await using var llm = LlmClients.Create(_server.BaseAddress, _registry);
        var conversation = llm.Conversation(OpenAi("tokens=1&first=1&gap=1"), system: "be brief");

        await conversation.SendAsync("one");
        await conversation.SendAsync("two");

        conversation.Turns.ShouldBe(2);
        conversation.History.Select(m => m.Role).ShouldBe(["system", "user", "assistant", "user", "assistant"]);
    }
}

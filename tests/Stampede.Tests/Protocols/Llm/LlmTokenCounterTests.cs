using Shouldly;
using Stampede.Protocols.Llm;
using Xunit;

namespace Stampede.Tests.Protocols.Llm;

public sealed class LlmTokenCounterTests
{
    [Theory]
    [InlineData("gpt-4o", LlmTokenizer.O200k)]
    [InlineData("gpt-4o-mini", LlmTokenizer.O200k)]
    [InlineData("openai/gpt-4.1-nano", LlmTokenizer.O200k)]
    [InlineData("o1-preview", LlmTokenizer.O200k)]
    [InlineData("o3", LlmTokenizer.O200k)]
    [InlineData("gpt-4-turbo", LlmTokenizer.Cl100k)]
    [InlineData("gpt-3.5-turbo", LlmTokenizer.Cl100k)]
    [InlineData("o10-model", LlmTokenizer.Cl100k)]
    [InlineData("demo-chat", LlmTokenizer.Cl100k)]
    public void Resolve_Auto_PicksTheEncodingByModelName(string model, LlmTokenizer expected) =>
        LlmTokenCounter.Resolve(LlmTokenizer.Auto, model).ShouldBe(expected);

    [Fact]
    public void Resolve_Explicit_WinsOverTheModelName() =>
        LlmTokenCounter.Resolve(LlmTokenizer.Cl100k, "gpt-4o").ShouldBe(LlmTokenizer.Cl100k);

    [Fact]
    public void For_None_IsNull() => LlmTokenCounter.For(LlmTokenizer.None, "gpt-4o").ShouldBeNull();

    [Fact]
    public void For_SameEncoding_IsOneSharedInstance()
    {
        var first = LlmTokenCounter.For(LlmTokenizer.Auto, "gpt-4-turbo");
        var second = LlmTokenCounter.For(LlmTokenizer.Cl100k, "anything");

        first.ShouldNotBeNull().ShouldBeSameAs(second);
        first.Encoding.ShouldBe(LlmTokenizer.Cl100k);
    }

    [Fact]
    public async Task Count_FromManyThreads_AgreesWithTheVocabulary()
    {
        // Offline vocabularies: "Hello world" is two tokens in cl100k_base ("Hello", " world").
        var counter = LlmTokenCounter.For(LlmTokenizer.Cl100k, "gpt-4").ShouldNotBeNull();

        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => counter.Count("Hello world"), TestContext.Current.CancellationToken)));

        counts.ShouldAllBe(c => c == 2);
        counter.Count("").ShouldBe(0);
    }

    [Fact]
    public void CountPrompt_AddsOpenAisFramingPerMessage()
    {
        var counter = LlmTokenCounter.For(LlmTokenizer.Cl100k, "gpt-4").ShouldNotBeNull();

        // 3 to prime the reply + (3 + "user" 1 + "Hello world" 2).
        counter.CountPrompt([new LlmMessage("user", "Hello world")]).ShouldBe(9);
    }
}

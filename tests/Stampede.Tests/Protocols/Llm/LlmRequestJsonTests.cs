using System.Text;
using System.Text.Json;
using Shouldly;
using Stampede.Protocols.Llm;
using Xunit;

namespace Stampede.Tests.Protocols.Llm;

public sealed class LlmRequestJsonTests
{
    private static readonly LlmMessage[] Conversation =
    [
        new("system", "be brief"), new("user", "first \"q\" é <b>"), new("assistant", "a"), new("user", "second"),
    ];

    private static readonly JsonSerializerOptions WebDefaults = new(JsonSerializerDefaults.Web);

    [Fact]
    public void LastUserMessage_Conversation_SameBytesAsTheAnonymousBodyItReplaced()
    {
        LlmRequestJson.LastUserMessage(Conversation).ShouldBe(JsonSerializer.Serialize(new { message = "second" }));
    }

    [Fact]
    public void LastUserMessage_NoUserTurn_SendsAnEmptyMessage()
    {
        LlmRequestJson.LastUserMessage([new("system", "s")]).ShouldBe("""{"message":""}""");
    }

    [Fact]
    public void BuildWebSocketMessage_DefaultBody_IsTheLastUserMessage()
    {
        new LlmOptions().BuildWebSocketMessage(Conversation).ShouldBe("""{"message":"second"}""");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(64)]
    public void BuildBody_OpenAi_SameBytesAsTheReflectionSerializerWithWebDefaults(int? maxTokens)
    {
        var options = new LlmOptions { Model = "m\u00e9", MaxTokens = maxTokens };
        var request = new LlmOptions.OpenAiChatRequest(options.Model, [.. Conversation.Select(m => new LlmOptions.OpenAiMessage(m.Role, m.Content))], true,
            new LlmOptions.OpenAiStreamOptions(true), maxTokens);

        var body = Encoding.UTF8.GetString(options.BuildBody(Conversation).Bytes.Span);

        body.ShouldBe(JsonSerializer.Serialize(request, WebDefaults));
        body.Contains("max_tokens", StringComparison.Ordinal).ShouldBe(maxTokens is not null);
    }

    [Fact]
    public void Anthropic_WithAndWithoutSystemTurns_SameBytesAsTheAnonymousObjectItReplaced()
    {
        var options = new LlmOptions { Model = "claude" };
        LlmMessage[] withSystem = [new("system", "be brief"), new("system", "really"), new("user", "q \"1\" é"), new("assistant", "a")];
        LlmMessage[] withoutSystem = [new("user", "hi")];

        LlmRequestBodies.Anthropic(withSystem, options).ShouldBe(JsonSerializer.Serialize(new
        {
            model = "claude", max_tokens = 1024, stream = true, system = "be brief\nreally",
            messages = new[] { new { role = "user", content = "q \"1\" é" }, new { role = "assistant", content = "a" } },
        }));
        LlmRequestBodies.Anthropic(withoutSystem, options).ShouldBe(JsonSerializer.Serialize(new
        {
            model = "claude", max_tokens = 1024, stream = true, messages = new[] { new { role = "user", content = "hi" } },
        }));
    }

    [Fact]
    public void Anthropic_MaxTokensSet_SendsIt()
    {
        LlmRequestBodies.Anthropic([new("user", "hi")], new LlmOptions { MaxTokens = 32 }).ShouldContain("\"max_tokens\":32");
    }

    [Fact]
    public void DemoChat_Conversation_IsTheLastUserMessage()
    {
        LlmRequestBodies.DemoChat(Conversation, new LlmOptions()).ShouldBe("""{"message":"second"}""");
    }
}

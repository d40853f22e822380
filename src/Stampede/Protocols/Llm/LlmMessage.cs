namespace Stampede.Protocols.Llm;

/// <summary>One chat message: <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
public sealed record LlmMessage(string Role, string Content);

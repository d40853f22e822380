namespace Stampede.DemoTarget.Streaming;

/// <summary>A chat turn: the user's message and, to continue a conversation, its id.</summary>
internal sealed record ChatRequest(string? Message, string? ConversationId);

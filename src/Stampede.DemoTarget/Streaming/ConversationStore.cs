using System.Collections.Concurrent;

namespace Stampede.DemoTarget.Streaming;

/// <summary>
/// Chat history for multi-turn conversations. Bounded: past <c>MaxConversations</c> the oldest are forgotten,
/// so a long load test does not grow the server without limit.
/// </summary>
internal sealed class ConversationStore(int maxConversations)
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _next;

    public int Count => _conversations.Count;

    /// <summary>The conversation with this id, or a new one (with a fresh id when none was given).</summary>
    public Conversation GetOrStart(string? id)
    {
        if (!string.IsNullOrEmpty(id) && _conversations.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var conversation = new Conversation(string.IsNullOrEmpty(id) ? $"conv-{Interlocked.Increment(ref _next)}" : id);
        if (!_conversations.TryAdd(conversation.Id, conversation))
        {
            return _conversations[conversation.Id];
        }

        _order.Enqueue(conversation.Id);
        while (_conversations.Count > maxConversations && _order.TryDequeue(out var oldest))
        {
            _conversations.TryRemove(oldest, out _);
        }

        return conversation;
    }
}

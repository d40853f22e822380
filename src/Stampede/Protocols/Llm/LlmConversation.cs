namespace Stampede.Protocols.Llm;

/// <summary>A multi-turn conversation: each turn sends the whole history and, on success, appends the answer to it.</summary>
public sealed class LlmConversation
{
    private readonly VuLlm _client;
    private readonly LlmOptions _options;
    private readonly List<LlmMessage> _history = [];

    internal LlmConversation(VuLlm client, LlmOptions options, string? system)
    {
        _client = client;
        _options = options;
        if (system is not null)
        {
            _history.Add(new LlmMessage("system", system));
        }
    }

    /// <summary>The messages so far.</summary>
    public IReadOnlyList<LlmMessage> History => _history;

    /// <summary>Turns answered so far.</summary>
    public int Turns { get; private set; }

    /// <summary>Sends <paramref name="prompt"/> with the history; a failed turn leaves the history as it was.</summary>
    public async Task<LlmResult> SendAsync(string prompt)
    {
        _history.Add(new LlmMessage("user", prompt));
        var result = await _client.ChatAsync(_options, [.. _history]).ConfigureAwait(false);
        if (result.Ok)
        {
            _history.Add(new LlmMessage("assistant", result.Text));
            Turns++;
        }
        else
        {
            _history.RemoveAt(_history.Count - 1);
        }

        return result;
    }
}

namespace Stampede.DemoTarget.Streaming;

/// <summary>One multi-turn chat: the questions asked so far.</summary>
internal sealed class Conversation(string id)
{
    private readonly Lock _gate = new();
    private string? _lastQuestion;
    private int _turns;

    public string Id { get; } = id;

    public int Turns
    {
        get
        {
            lock (_gate)
            {
                return _turns;
            }
        }
    }

    /// <summary>Records a question and returns the one asked before it (null on the first turn).</summary>
    public string? Ask(string question)
    {
        lock (_gate)
        {
            var previous = _lastQuestion;
            _lastQuestion = question;
            _turns++;
            return previous;
        }
    }
}

namespace Stampede.Yaml.Flows;

/// <summary>One WebSocket message as the values a per-message condition reads (<c>text</c>, <c>json.PATH</c>).</summary>
internal static class WsMessageOutcome
{
    public static StreamOutcome Of(string text)
    {
        var outcome = new StreamOutcome();
        outcome.Items.Add(text);
        outcome.Values["text"] = text;
        return outcome;
    }
}

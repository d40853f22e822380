namespace Stampede.Yaml.Flows;

/// <summary>
/// <c>belongs:</c> — which messages are part of a reply (<c>{ "json.type": [token, end] }</c>); the others (a
/// server's <c>start</c> acknowledgement, a heartbeat) are skipped, so neither timed as the first message nor
/// counted, checked or captured.
/// </summary>
internal sealed record WsReplyFilter(IReadOnlyList<(StreamValue Value, ValueMatcher Matcher)> Conditions)
{
    public bool Accepts(string text)
    {
        var outcome = WsMessageOutcome.Of(text);
        foreach (var (value, matcher) in Conditions)
        {
            if (!matcher.Test(value.Read(outcome, out var found), found))
            {
                return false;
            }
        }

        return true;
    }
}

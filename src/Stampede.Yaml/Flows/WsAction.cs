using Stampede.Data.Templates;

namespace Stampede.Yaml.Flows;

/// <summary>One thing a <c>ws:</c> step does on its session, in order.</summary>
internal abstract record WsAction;

/// <summary><c>send:</c> text (a scalar) or JSON (a mapping or list), rendered as a template each time.</summary>
internal sealed record WsSend(Template? Text, TemplatedJson? Json) : WsAction
{
    public string Render(TemplateScope scope) => Json?.Render(scope) ?? Text!.Render(scope);
}

/// <summary>
/// <c>receive:</c> — messages until one matches <see cref="Until"/>, or <see cref="Count"/> messages (default 1). A
/// receive right after a send is read as the reply to it, so its first message is timed (<c>ws_time_to_first_message</c>).
/// </summary>
internal sealed record WsReceive(WsMarker? Until, int Count, TimeSpan Timeout, TimeSpan? FirstTimeout, StreamAssertions Assertions, WsReplyFilter? Belongs = null) : WsAction
{
    public bool Accepts(string text) => Belongs?.Accepts(text) ?? true;

    public bool IsEnd(string text, int received) => Until?.Matches(text) ?? received >= Count;
}

/// <summary><c>send:</c> followed by <c>receive:</c>, joined when the plan loads so the reply is timed from the send.</summary>
internal sealed record WsExchange(WsSend Send, WsReceive Receive) : WsAction;

/// <summary><c>ping:</c> — sends <see cref="Send"/> and waits for a message matching <see cref="Until"/> (<c>ws_ping</c>).</summary>
internal sealed record WsPingAction(Template Send, WsMarker Until, TimeSpan Timeout) : WsAction;

/// <summary>
/// <c>{ send: …, every: 5s }</c> — sends the message every <see cref="Every"/> (first after one interval, as k6's
/// <c>setInterval</c>) beside the actions that follow, until the session closes.
/// </summary>
internal sealed record WsSendEvery(WsSend Send, TimeSpan Every) : WsAction;

/// <summary>
/// <c>listen:</c> — holds the session for <see cref="Duration"/> (or until a message matches <see cref="Until"/>),
/// counting what arrives and running the checks and captures on each message as it comes.
/// </summary>
internal sealed record WsListen(TimeSpan Duration, WsMarker? Until, WsReplyFilter? Belongs, StreamAssertions PerMessage) : WsAction;

/// <summary><c>think:</c> inside a session.</summary>
internal sealed record WsThink(ThinkTime Time) : WsAction;

/// <summary><c>close</c> — closes the session normally; nothing may follow it.</summary>
internal sealed record WsClose : WsAction;

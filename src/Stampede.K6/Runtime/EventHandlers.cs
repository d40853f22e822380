using Jint;
using Jint.Native;

namespace Stampede.K6.Runtime;

/// <summary>
/// What a k6 object's <c>on(event, handler)</c> registers (a <c>k6/ws</c> socket, an SSE client): handlers by event
/// name, called in the order they were added, on the VU's thread.
/// </summary>
internal sealed class EventHandlers
{
    private readonly Dictionary<string, List<JsValue>> _handlers = new(StringComparer.Ordinal);

    public void Add(string name, JsValue handler)
    {
        if (!_handlers.TryGetValue(name, out var list))
        {
            _handlers[name] = list = [];
        }

        list.Add(handler);
    }

    /// <summary>Calls every handler of <paramref name="name"/>; a handler may add others, which wait for the next event.</summary>
    public void Emit(Engine engine, string name, params JsValue[] args)
    {
        if (_handlers.TryGetValue(name, out var handlers))
        {
            foreach (var handler in handlers.ToArray())
            {
                Js.Call(engine, handler, args);
            }
        }
    }
}

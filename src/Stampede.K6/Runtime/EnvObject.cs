using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Stampede.K6.Runtime;

/// <summary>
/// k6's <c>__ENV</c>: the <c>-e</c> pairs and the process environment, looked up when read (so the whole process
/// environment is not copied into every VU); enumerating it lists what the environment enumerates.
/// </summary>
internal sealed class EnvObject : ObjectInstance
{
    private readonly IReadOnlyDictionary<string, string> _env;

    public EnvObject(Jint.Engine engine, IReadOnlyDictionary<string, string> env)
        : base(engine)
    {
        _env = env;
        foreach (var (key, value) in env)
        {
            this.Put(key, value);
        }
    }

    public override JsValue Get(JsValue property, JsValue receiver)
    {
        var own = base.Get(property, receiver);
        if (!own.IsUndefined() || !property.IsString())
        {
            return own;
        }

        return _env.TryGetValue(property.ToString(), out var value) ? new JsString(value) : JsValue.Undefined;
    }
}

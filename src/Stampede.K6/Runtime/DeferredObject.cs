using Jint;
using Jint.Native.Object;

namespace Stampede.K6.Runtime;

/// <summary>
/// A plain JavaScript object whose properties are made the first time a script looks at it (Jint calls
/// <see cref="Initialize"/> then). A response's headers, timings, request and cookies are built for every request
/// but read by few scripts; building them eagerly was a sixth of a scripted request's CPU.
/// </summary>
/// <remarks>
/// The fill should be a static lambda so no closure is allocated per object; what it needs comes in the state.
/// </remarks>
internal sealed class DeferredObject<TState> : ObjectInstance
{
    private readonly TState _state;
    private readonly Action<ObjectInstance, TState> _fill;

    public DeferredObject(Engine engine, TState state, Action<ObjectInstance, TState> fill)
        : base(engine)
    {
        _state = state;
        _fill = fill;
        Prototype = engine.Intrinsics.Object.PrototypeObject;
    }

    protected override void Initialize() => _fill(this, _state);
}

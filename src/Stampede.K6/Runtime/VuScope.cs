using Stampede.Execution;
using Engine = Jint.Engine;

namespace Stampede.K6.Runtime;

/// <summary>
/// What the k6 modules of one engine see: the VU running now (null in the init context), the engine, and the
/// script's shared state. One per engine; the modules' functions close over it.
/// </summary>
internal sealed class VuScope(Engine engine, K6Script script, int vuId)
{
    public Engine Engine { get; } = engine;

    public K6Script Script { get; } = script;

    /// <summary>k6's <c>__VU</c>: 0 while reading options and in setup/teardown, else the VU's number.</summary>
    public int VuId { get; } = vuId;

    /// <summary>The VU context of the running iteration (or of setup and teardown); null in the init context.</summary>
    public VuContext? Vu { get; set; }

    public bool InInit => Vu is null;

    /// <summary>The VU's event loop: global timers and <c>k6/experimental/websockets</c> sockets; an iteration ends when it is empty.</summary>
    public VuEventLoop Loop { get; } = new(engine);

    /// <summary>This engine's <c>Math.random</c> source.</summary>
    public Random Random { get; set; } = new(1);

    /// <summary>k6's <c>http.setResponseCallback</c>: which statuses count as expected for this VU (null: the default).</summary>
    public Protocols.Http.ExpectedStatuses? ResponseCallback { get; set; }

    /// <summary>The prototype of this engine's response objects (their <c>json()</c> and <c>html()</c>), made on the first response.</summary>
    public Jint.Native.Object.ObjectInstance? ResponsePrototype { get; set; }

    /// <summary>The script imports <c>k6/http</c> in this engine: its cookie jar is emptied at each iteration (unless <c>noCookiesReset</c>).</summary>
    public bool UsesHttp { get; set; }

    /// <summary>k6's <c>status_text</c> by status, spelt once per engine.</summary>
    public BoundedMemo<int, Jint.Native.JsString> StatusTexts { get; } = new(status => new(Modules.ResponseObject.StatusText(status)));

    /// <summary>Header names as k6 spells them, spelt once per engine.</summary>
    public BoundedMemo<string, string> HeaderNames { get; } = new(Modules.ResponseObject.Canonical, StringComparer.Ordinal);

    /// <summary>The VU context, or a script error saying <paramref name="what"/> cannot run in the init context (as k6 says).</summary>
    public VuContext Require(string what) =>
        Vu ?? throw new Jint.Runtime.JavaScriptException(Engine.Intrinsics.Error, $"{what} is not supported in the init context");
}

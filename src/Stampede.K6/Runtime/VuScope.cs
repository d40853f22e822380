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

    // Responses repeat a handful of statuses and header names; spelling them afresh for every response was a
    // measurable share of a scripted request. Bounded so a target sending ever-new header names cannot grow them.
    private const int SpellingsKept = 256;
    private readonly Dictionary<int, Jint.Native.JsString> _statusTexts = [];
    private readonly Dictionary<string, string> _headerNames = new(StringComparer.Ordinal);

    /// <summary>k6's <c>status_text</c> ("200 OK"; empty without a response).</summary>
    public Jint.Native.JsString StatusText(int status)
    {
        if (_statusTexts.TryGetValue(status, out var text))
        {
            return text;
        }

        text = new Jint.Native.JsString(status == 0 ? "" : $"{status} {ReasonPhrase(status)}");
        if (_statusTexts.Count < SpellingsKept)
        {
            _statusTexts[status] = text;
        }

        return text;
    }

    // Go's reason phrases are the words of .NET's status names ("NotFound" → "Not Found"); an unknown code has none.
    private static string ReasonPhrase(int status)
    {
        var name = ((System.Net.HttpStatusCode)status).ToString();
        if (int.TryParse(name, out _))
        {
            return "";
        }

        var words = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                words.Append(' ');
            }

            words.Append(name[i]);
        }

        return words.ToString();
    }

    /// <summary>A header name as k6 spells it (<c>content-type</c> → <c>Content-Type</c>).</summary>
    public string CanonicalHeader(string name)
    {
        if (_headerNames.TryGetValue(name, out var spelled))
        {
            return spelled;
        }

        spelled = Modules.ResponseObject.Canonical(name);
        if (_headerNames.Count < SpellingsKept)
        {
            _headerNames[name] = spelled;
        }

        return spelled;
    }

    /// <summary>The VU context, or a script error saying <paramref name="what"/> cannot run in the init context (as k6 says).</summary>
    public VuContext Require(string what) =>
        Vu ?? throw new Jint.Runtime.JavaScriptException(Engine.Intrinsics.Error, $"{what} is not supported in the init context");
}

using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Stampede.Execution;
using Engine = Jint.Engine;
using Stampede.K6.Modules;
using Stampede.K6.Scripts;

namespace Stampede.K6.Runtime;

/// <summary>
/// One VU's JavaScript: its own Jint engine (k6 gives each VU its own runtime), the script's modules evaluated in
/// it (the init context), and the thread its code runs on.
/// </summary>
internal sealed class VuRuntime : IDisposable
{
    private readonly VuThread _thread;
    private ObjectInstance? _exports;
    private JsValue _setupData = JsValue.Undefined;
    private bool _setupDataRead;

    public VuRuntime(K6Script script, int vuId)
    {
        Script = script;
        VuId = vuId;
        _thread = new VuThread($"k6 vu {vuId}");
    }

    public K6Script Script { get; }

    public int VuId { get; }

    public VuScope? Scope { get; private set; }

    /// <summary>Runs the init context (on the calling thread): imports the main module and keeps its exports.</summary>
    public ObjectInstance Init()
    {
        if (_exports is not null)
        {
            return _exports;
        }

        var engine = new Engine(options =>
        {
            options.EnableModules(new K6ModuleLoader(Script.Sources));
            options.Strict = true;
        });
        var scope = new VuScope(engine, Script, VuId);
        Scope = scope;
        Globals.Install(scope);
        TimersModule.Install(scope);
        ModuleRegistry.Register(scope);
        _exports = engine.Modules.Import(Script.Sources.MainKey);
        return _exports;
    }

    /// <summary>Runs the exported function <paramref name="name"/> as one iteration of <paramref name="vu"/>, on this VU's thread.</summary>
    public Task IterateAsync(VuContext vu, string name) => _thread.RunAsync(() => Iterate(vu, name));

    /// <summary>Runs <paramref name="work"/> on this VU's thread (setup, teardown, handleSummary).</summary>
    public Task RunAsync(Action work) => _thread.RunAsync(work);

    private void Iterate(VuContext vu, string name)
    {
        var exports = Init();
        var scope = Scope!;
        scope.Vu = vu;
        if (scope.UsesHttp && !Script.Requests.NoCookiesReset)
        {
            vu.Http.ClearCookies();
        }

        try
        {
            var function = exports.Get(name);
            var engine = scope.Engine;
            engine.SetValue("__ITER", vu.Iteration);
            RunToCompletion(scope, vu, () => engine.Call(function, JsValue.Undefined, [SetupData(engine)]));
        }
        finally
        {
            scope.Loop.Stop();
        }
    }

    /// <summary>
    /// Calls <paramref name="call"/>, then runs the VU's event loop until every timer has fired and every socket has
    /// closed (k6 ends an iteration only then), and unwraps the promise an async function returned.
    /// </summary>
    public static void RunToCompletion(VuScope scope, VuContext vu, Func<JsValue> call)
    {
        try
        {
            var result = call();
            if (!scope.Loop.Run(vu.Time, vu.CancellationToken))
            {
                return;   // the iteration is being stopped
            }

            if (result.IsPromise())
            {
                try
                {
                    result.UnwrapIfPromise();
                }
                catch (PromiseRejectedException rejected)
                {
                    throw new JavaScriptException(rejected.RejectedValue);
                }
                catch (InvalidOperationException)
                {
                    // still pending with nothing left that could settle it: k6 ends the iteration the same way
                }
            }
        }
        catch (JavaScriptException exception)
        {
            throw new K6ScriptException(exception);
        }
    }

    /// <summary>Setup's data, parsed once into this engine (k6 gives each VU its own copy).</summary>
    public JsValue SetupData(Engine engine)
    {
        if (!_setupDataRead)
        {
            _setupData = Script.SetupJson is { } json ? Js.Parse(engine, json) : JsValue.Undefined;
            _setupDataRead = true;
        }

        return _setupData;
    }

    public void Dispose() => _thread.Dispose();
}

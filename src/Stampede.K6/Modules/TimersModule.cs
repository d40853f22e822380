using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary>
/// <c>setTimeout</c>, <c>clearTimeout</c>, <c>setInterval</c>, <c>clearInterval</c>: globals and the <c>k6/timers</c>
/// module, both on the VU's event loop, so an iteration does not end while one of its timers is pending (k6's rule).
/// </summary>
internal static class TimersModule
{
    private static readonly string[] Names = ["setTimeout", "clearTimeout", "setInterval", "clearInterval"];

    public static void Install(VuScope scope)
    {
        foreach (var (name, function) in Functions(scope))
        {
            scope.Engine.SetValue(name, function);
        }
    }

    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var exports = Js.Object(scope.Engine);
        foreach (var (name, function) in Functions(scope))
        {
            exports.Put(name, function);
            module.ExportValue(name, function);
        }

        module.ExportValue("default", exports);
    }

    private static IEnumerable<(string Name, JsValue Function)> Functions(VuScope scope)
    {
        var engine = scope.Engine;
        foreach (var name in Names)
        {
            var repeat = name.EndsWith("Interval", StringComparison.Ordinal);
            yield return name.StartsWith("set", StringComparison.Ordinal)
                ? (name, Js.Function(engine, name, (_, args) => Set(scope, name, args, repeat), 2))
                : (name, Js.Function(engine, name, (_, args) => Clear(scope, args), 1));
        }
    }

    private static JsValue Set(VuScope scope, string name, JsValue[] args, bool repeat)
    {
        var engine = scope.Engine;
        var vu = scope.Require($"{name}()");
        if (args.Arg(0) is not Function callback)
        {
            throw Js.TypeError(engine, $"{name}(callback, delay): the callback isn't a callable function");
        }

        // As k6: a missing, negative or non-numeric delay is 0; extra arguments are passed to the callback.
        var ms = TypeConverter.ToNumber(args.Arg(1));
        var delay = double.IsNaN(ms) || ms < 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(ms, int.MaxValue));
        var extra = args.Length > 2 ? args[2..] : [];
        var id = scope.Loop.SetTimer(() => engine.Call(callback, JsValue.Undefined, extra), delay, repeat, vu.Time);
        return JsNumber.Create(id);
    }

    private static JsValue Clear(VuScope scope, JsValue[] args)
    {
        var id = TypeConverter.ToNumber(args.Arg(0));
        if (!double.IsNaN(id))
        {
            scope.Loop.ClearTimer((long)id);
        }

        return JsValue.Undefined;
    }
}

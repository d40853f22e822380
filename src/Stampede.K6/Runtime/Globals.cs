using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Stampede.K6.Summary;

namespace Stampede.K6.Runtime;

/// <summary>k6's globals: <c>__ENV</c>, <c>__VU</c>, <c>__ITER</c>, <c>open()</c>, <c>console</c>, and a seeded <c>Math.random</c>.</summary>
internal static class Globals
{
    public static void Install(VuScope scope)
    {
        var engine = scope.Engine;
        engine.SetValue("__ENV", new EnvObject(engine, scope.Script.Env));
        engine.SetValue("__VU", scope.VuId);
        engine.SetValue("__ITER", 0);
        engine.SetValue("open", Js.Function(engine, "open", (_, args) => Open(scope, args), 2));
        engine.SetValue("console", Console(scope));

        // What the embedded k6-summary module calls; the layout is C#'s so a script's textSummary() and the CLI's
        // default summary print the same. Only engines of a script that imports it get them.
        if (scope.Script.Sources.ImportsJsLib(K6SummaryHost.ModuleResourceName))
        {
            InstallSummary(engine);
        }

        // Seeded per VU so that a run repeats (Stampede's rule); k6's randomSeed() reseeds it.
        var random = new Random(1_000_003 + scope.VuId);
        scope.Random = random;
        var math = (ObjectInstance)engine.GetValue("Math");
        math.Put("random", Js.Function(engine, "random", (_, _) => JsNumber.Create(scope.Random.NextDouble())));
    }

    private static void InstallSummary(Engine engine)
    {
        engine.SetValue(K6SummaryHost.TextSummaryGlobal, Js.Function(engine, K6SummaryHost.TextSummaryGlobal, (_, args) =>
            new JsString(K6SummaryHost.Text(TypeConverter.ToString(args.Arg(0)), Js.StringOrNull(args.Arg(1)))), 2));
        engine.SetValue(K6SummaryHost.JUnitGlobal, Js.Function(engine, K6SummaryHost.JUnitGlobal, (_, args) =>
            new JsString(K6SummaryHost.JUnit(TypeConverter.ToString(args.Arg(0)), Js.StringOrNull(args.Arg(1)))), 2));
    }

    private static JsValue Open(VuScope scope, JsValue[] args)
    {
        var engine = scope.Engine;
        if (!scope.InInit)
        {
            throw Js.Error(engine, "open() is only available in the init context (outside functions)");
        }

        var path = TypeConverter.ToString(args.Arg(0));
        var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(scope.Script.Sources.MainKey)!, path));
        if (!File.Exists(full))
        {
            throw Js.Error(engine, $"open(): file not found: {path} (looked for {full})");
        }

        if (Js.StringOrNull(args.Arg(1)) == "b")
        {
            var bytes = File.ReadAllBytes(full);
            return engine.Intrinsics.ArrayBuffer.Construct(bytes);
        }

        return new JsString(File.ReadAllText(full));
    }

    private static JsObject Console(VuScope scope)
    {
        var engine = scope.Engine;
        var console = Js.Object(engine);
        foreach (var level in new[] { "log", "info", "debug", "warn", "error" })
        {
            var name = level == "log" ? "info" : level;
            console.Put(level, Js.Function(engine, level, (_, args) =>
            {
                scope.Script.Log(name, string.Join(' ', args.Select(a => Text(engine, a))));
                return JsValue.Undefined;
            }));
        }

        return console;
    }

    private static string Text(Engine engine, JsValue value) =>
        value is ObjectInstance and not Jint.Native.Function.Function && !value.IsDate() && value is not JsError ? Js.Stringify(engine, value) : TypeConverter.ToString(value);
}

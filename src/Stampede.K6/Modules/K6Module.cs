using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary><c>k6</c>: <c>check</c> (with tags), <c>group</c>, <c>sleep</c>, <c>fail</c>, <c>randomSeed</c>.</summary>
internal static class K6Module
{
    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var check = Js.Function(engine, "check", (_, args) => Check(scope, args), 3);
        var group = Js.Function(engine, "group", (_, args) => Group(scope, args), 2);
        var sleep = Js.Function(engine, "sleep", (_, args) =>
        {
            var vu = scope.Require("sleep()");
            Blocking.Wait(vu.SleepAsync(TypeConverter.ToNumber(args.Arg(0))));
            return JsValue.Undefined;
        }, 1);
        var fail = Js.Function(engine, "fail", (_, args) => throw Js.Error(engine, Js.StringOrNull(args.Arg(0)) ?? "test aborted"), 1);
        var randomSeed = Js.Function(engine, "randomSeed", (_, args) =>
        {
            scope.Random = new Random((int)TypeConverter.ToInt32(args.Arg(0)));
            return JsValue.Undefined;
        }, 1);
        var exports = Js.Object(engine);
        foreach (var (name, value) in new (string, JsValue)[] { ("check", check), ("group", group), ("sleep", sleep), ("fail", fail), ("randomSeed", randomSeed) })
        {
            module.ExportValue(name, value);
            exports.Put(name, value);
        }

        module.ExportValue("default", exports);
    }

    private static JsValue Check(VuScope scope, JsValue[] args)
    {
        var engine = scope.Engine;
        var vu = scope.Require("check()");
        var value = args.Arg(0);
        var tags = RequestTags.All(args.Arg(2));
        var all = true;
        foreach (var (name, predicate) in Js.Properties(args.Arg(1)))
        {
            // As in k6, a predicate that throws ends the iteration with that error (it is not a failed check).
            var outcome = predicate is Function ? engine.Call(predicate, JsValue.Undefined, [value]) : predicate;
            var passed = TypeConverter.ToBoolean(outcome);
            vu.Check(name, passed, tags);
            all &= passed;
        }

        return all ? JsBoolean.True : JsBoolean.False;
    }

    private static JsValue Group(VuScope scope, JsValue[] args)
    {
        var vu = scope.Require("group()");
        var name = TypeConverter.ToString(args.Arg(0));
        if (name.Contains("::", StringComparison.Ordinal))
        {
            throw Js.Error(scope.Engine, $"group name '{name}' must not contain '::'");
        }

        var start = vu.Time.GetTimestamp();
        var previous = vu.EnterGroup(name);
        try
        {
            return scope.Engine.Call(args.Arg(1), JsValue.Undefined, []);
        }
        finally
        {
            vu.LeaveGroup(previous, start);
        }
    }
}

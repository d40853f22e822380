using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary><c>k6/execution</c>: <c>vu</c>, <c>scenario</c>, <c>instance</c>, <c>test.abort()</c>, read when asked.</summary>
internal static class ExecutionModule
{
    /// <summary>The stop reason <c>test.abort()</c> gives, which the CLI turns into k6's exit code 108.</summary>
    public const string AbortReason = "test.abort()";

    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var vu = Js.Object(engine);
        Getter(vu, "idInTest", () => scope.VuId);
        Getter(vu, "idInInstance", () => scope.VuId);
        Getter(vu, "iterationInInstance", () => scope.Vu?.Iteration ?? 0);
        Getter(vu, "iterationInScenario", () => scope.Vu?.Iteration ?? 0);
        var scenario = Js.Object(engine);
        Getter(scenario, "name", () => scope.Vu?.Scenario ?? "");
        Getter(scenario, "iterationInTest", () => scope.Vu?.IterationInScenario ?? 0);
        Getter(scenario, "iterationInInstance", () => scope.Vu?.IterationInScenario ?? 0);
        Getter(scenario, "executor", () => scope.Vu is { } v ? scope.Script.ExecutorOf(v.Scenario) : "");
        var instance = Js.Object(engine);
        Getter(instance, "vusInitialized", () => scope.Script.VusInitialized);
        var test = Js.Object(engine);
        test.Put("abort", Js.Function(engine, "abort", (_, args) =>
        {
            var vuContext = scope.Require("test.abort()");
            var reason = Js.StringOrNull(args.Arg(0));
            vuContext.Control.RequestHardStop(reason is null ? AbortReason : $"{AbortReason}: {reason}");
            throw Js.Error(engine, reason is null ? "test aborted" : $"test aborted: {reason}");
        }, 1));
        var exports = Js.Object(engine);
        exports.Put("vu", vu);
        exports.Put("scenario", scenario);
        exports.Put("instance", instance);
        exports.Put("test", test);
        module.ExportValue("default", exports);
        module.ExportValue("vu", vu);
        module.ExportValue("scenario", scenario);
        module.ExportValue("instance", instance);
        module.ExportValue("test", test);

        void Getter(ObjectInstance target, string name, Func<JsValue> read) =>
            target.FastSetProperty(name, new GetSetPropertyDescriptor(new ClrFunction(engine, name, (_, _) => read()), JsValue.Undefined, enumerable: true, configurable: true));
    }
}

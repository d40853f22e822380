using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary>The k6 modules Stampede implements, and their registration in one engine, each bound to that engine's <see cref="VuScope"/>.</summary>
/// <remarks>
/// Jint builds a module when it is registered, not when it is imported, and all of k6's modules together were
/// three quarters of a VU's engine (89 of 115 KB). So each engine gets only the modules its script imports.
/// </remarks>
internal static class ModuleRegistry
{
    /// <summary>Every module a script may import, by its name (what <see cref="Scripts.BuiltinModules.Supported"/> lists).</summary>
    public static readonly IReadOnlyDictionary<string, Action<VuScope, ModuleBuilder>> Builders =
        new Dictionary<string, Action<VuScope, ModuleBuilder>>(StringComparer.Ordinal)
        {
            ["k6"] = K6Module.Build,
            ["k6/http"] = HttpModule.Build,
            ["k6/metrics"] = MetricsModule.Build,
            ["k6/execution"] = ExecutionModule.Build,
            ["k6/data"] = DataModule.Build,
            ["k6/encoding"] = EncodingModule.Build,
            ["k6/crypto"] = CryptoModule.Build,
            ["k6/ws"] = WsModule.Build,
            ["k6/experimental/websockets"] = WebSocketsModule.Build,
            ["k6/timers"] = TimersModule.Build,

            // The one xk6 extension whose API Stampede speaks: its streams run on the library's SSE client.
            ["k6/x/sse"] = SseModule.Build,
        };

    public static void Register(VuScope scope)
    {
        var modules = scope.Engine.Modules;
        foreach (var name in scope.Script.Sources.ImportedBuiltins)
        {
            var build = Builders[name];
            modules.Add(name, b => build(scope, b));
        }
    }
}

using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary>Registers k6's modules in one engine, each bound to that engine's <see cref="VuScope"/>.</summary>
/// <remarks>
/// Jint builds a module when it is registered, not when it is imported, and all of k6's modules together were
/// three quarters of a VU's engine (89 of 115 KB). So each engine gets only the modules its script imports.
/// </remarks>
internal static class ModuleRegistry
{
    public static void Register(VuScope scope)
    {
        var modules = scope.Engine.Modules;
        foreach (var name in scope.Script.Sources.ImportedBuiltins)
        {
            modules.Add(name, Builder(scope, name));
        }
    }

    private static Action<ModuleBuilder> Builder(VuScope scope, string name) => name switch
    {
        "k6" => b => K6Module.Build(scope, b),
        "k6/http" => b => HttpModule.Build(scope, b),
        "k6/metrics" => b => MetricsModule.Build(scope, b),
        "k6/execution" => b => ExecutionModule.Build(scope, b),
        "k6/data" => b => DataModule.Build(scope, b),
        "k6/encoding" => b => EncodingModule.Build(scope, b),
        "k6/crypto" => b => CryptoModule.Build(scope, b),
        "k6/ws" => b => WsModule.Build(scope, b),
        "k6/x/sse" => b => SseModule.Build(scope, b),
        "k6/experimental/websockets" => b => WebSocketsModule.Build(scope, b),
        "k6/timers" => b => TimersModule.Build(scope, b),
        _ => throw new InvalidOperationException($"no builder for the k6 module '{name}'"),
    };
}

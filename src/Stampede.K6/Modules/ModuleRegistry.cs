using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary>Registers k6's modules in one engine, each bound to that engine's <see cref="VuScope"/>.</summary>
internal static class ModuleRegistry
{
    public static void Register(VuScope scope)
    {
        var modules = scope.Engine.Modules;
        modules.Add("k6", b => K6Module.Build(scope, b));
        modules.Add("k6/http", b => HttpModule.Build(scope, b));
        modules.Add("k6/metrics", b => MetricsModule.Build(scope, b));
        modules.Add("k6/execution", b => ExecutionModule.Build(scope, b));
        modules.Add("k6/data", b => DataModule.Build(scope, b));
        modules.Add("k6/encoding", b => EncodingModule.Build(scope, b));
        modules.Add("k6/crypto", b => CryptoModule.Build(scope, b));
        modules.Add("k6/ws", b => WsModule.Build(scope, b));
        modules.Add("k6/x/sse", b => SseModule.Build(scope, b));
        modules.Add("k6/experimental/websockets", b => WebSocketsModule.Build(scope, b));
        modules.Add("k6/timers", b => TimersModule.Build(scope, b));
    }
}

using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary><c>k6/ws</c>: <c>connect(url, params, callback)</c> on the VU's Stampede WebSocket client.</summary>
internal static class WsModule
{
    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var connect = Js.Function(engine, "connect", (_, _) => throw Js.Error(engine, "k6/ws connect() is not implemented yet"), 3);
        var exports = Js.Object(engine);
        exports.Put("connect", connect);
        module.ExportValue("connect", connect);
        module.ExportValue("default", exports);
    }
}

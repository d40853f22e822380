using Jint;
using Jint.Runtime.Modules;

namespace Stampede.K6.Scripts;

/// <summary>Hands an engine the script's modules, parsed once in <see cref="ScriptSources"/>; k6's own modules are registered per engine.</summary>
internal sealed class K6ModuleLoader(ScriptSources sources) : IModuleLoader
{
    public ResolvedSpecifier Resolve(string? referencingModuleLocation, ModuleRequest moduleRequest)
    {
        var key = ScriptSources.Resolve(referencingModuleLocation, moduleRequest.Specifier)
            ?? throw new InvalidOperationException(BuiltinModules.Unsupported(moduleRequest.Specifier));
        return new ResolvedSpecifier(moduleRequest, key, null, BuiltinModules.IsK6(key) ? SpecifierType.Bare : SpecifierType.RelativeOrAbsolute);
    }

    public Jint.Runtime.Modules.Module LoadModule(Engine engine, ResolvedSpecifier resolved)
    {
        var prepared = sources[resolved.Key];
        return ModuleFactory.BuildSourceTextModule(engine, prepared);
    }
}

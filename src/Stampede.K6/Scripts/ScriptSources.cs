using System.Collections.Concurrent;
using System.Reflection;
using Acornima;
using Acornima.Ast;
using Jint;
using Stampede.Plans;
using SourceLocation = Stampede.Plans.SourceLocation;

namespace Stampede.K6.Scripts;

/// <summary>
/// Every module of a script, parsed once and shared by all VUs' engines (a prepared module is immutable and
/// thread-safe), found by following the imports from the main file before anything runs, so a syntax error or a
/// missing or unsupported import is reported with its file, line and column before the run.
/// </summary>
internal sealed class ScriptSources
{
    // The key of a jslib module is its embedded resource behind this prefix, so it can never be a file path.
    private const string JsLibPrefix = "jslib:";

    private readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Module>> _modules = new(StringComparer.Ordinal);

    private readonly HashSet<string> _builtins = new(StringComparer.Ordinal);

    private ScriptSources(string mainKey)
    {
        MainKey = mainKey;
    }

    /// <summary>The main script's key (its full path).</summary>
    public string MainKey { get; }

    public Prepared<Acornima.Ast.Module> this[string key] => _modules[key];

    public bool Contains(string key) => _modules.ContainsKey(key);

    /// <summary>The k6 modules some module of the script imports: only these are built in each VU's engine.</summary>
    public IReadOnlySet<string> ImportedBuiltins => _builtins;

    /// <summary>True when some module of the script imports the jslib module embedded as <paramref name="resource"/>.</summary>
    public bool ImportsJsLib(string resource) => Contains(JsLibKey(resource));

    public static ScriptSources Load(string file, List<PlanError> errors)
    {
        var main = Path.GetFullPath(file);
        var sources = new ScriptSources(main);
        if (!File.Exists(main))
        {
            errors.Add(new PlanError("script", $"file not found: {file}", new SourceLocation(file)));
            return sources;
        }

        sources.Add(main, File.ReadAllText(main), errors);
        return sources;
    }

    /// <summary>Resolves an import: a k6 module keeps its name; a jslib URL maps to its embedded copy; a path becomes absolute.</summary>
    public static string? Resolve(string? referrer, string specifier)
    {
        if (BuiltinModules.IsK6(specifier))
        {
            return BuiltinModules.Supported.Contains(specifier) ? specifier : null;
        }

        if (BuiltinModules.JsLibResource(specifier) is { } resource)
        {
            return JsLibKey(resource);
        }

        if (specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal) || specifier.StartsWith('/'))
        {
            var directory = referrer is null || referrer.StartsWith(JsLibPrefix, StringComparison.Ordinal) ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(referrer)!;
            return Path.GetFullPath(Path.Combine(directory, specifier));
        }

        return null;
    }

    private void Add(string key, string code, List<PlanError> errors)
    {
        Prepared<Acornima.Ast.Module> prepared;
        try
        {
            prepared = Engine.PrepareModule(code, key);
        }
        catch (ScriptPreparationException prepare) when (prepare.InnerException is ParseErrorException e)
        {
            errors.Add(new PlanError("script", $"syntax error: {e.Description}", new SourceLocation(Display(key), e.LineNumber, e.Column + 1)));
            return;
        }

        _modules[key] = prepared;
        foreach (var (specifier, node) in Imports(prepared.Program!))
        {
            var location = new SourceLocation(Display(key), node.Location.Start.Line, node.Location.Start.Column + 1);
            var resolved = Resolve(key, specifier);
            if (resolved is null)
            {
                errors.Add(new PlanError("import", BuiltinModules.Unsupported(specifier), location));
            }
            else if (BuiltinModules.IsK6(resolved))
            {
                _builtins.Add(resolved);
            }
            else if (_modules.ContainsKey(resolved))
            {
                continue;
            }
            else if (resolved.StartsWith(JsLibPrefix, StringComparison.Ordinal))
            {
                Add(resolved, Embedded(resolved[JsLibPrefix.Length..]), errors);
            }
            else if (!File.Exists(resolved))
            {
                errors.Add(new PlanError("import", $"module not found: '{specifier}' (looked for {resolved})", location));
            }
            else
            {
                Add(resolved, File.ReadAllText(resolved), errors);
            }
        }
    }

    private static IEnumerable<(string Specifier, Node Node)> Imports(Acornima.Ast.Module program)
    {
        foreach (var statement in program.Body)
        {
            switch (statement)
            {
                case ImportDeclaration import:
                    yield return (import.Source.Value, import);
                    break;
                case ExportNamedDeclaration { Source: { } source } export:
                    yield return (source.Value, export);
                    break;
                case ExportAllDeclaration all:
                    yield return (all.Source.Value, all);
                    break;
            }
        }
    }

    private static string JsLibKey(string resource) => JsLibPrefix + resource;

    /// <summary>A key as a person reads it: the path relative to the working directory when it is below it.</summary>
    public static string Display(string key)
    {
        if (key.StartsWith(JsLibPrefix, StringComparison.Ordinal))
        {
            return key;
        }

        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), key);
        return relative.StartsWith("..", StringComparison.Ordinal) ? key : relative;
    }

    private static string Embedded(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded module {resource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

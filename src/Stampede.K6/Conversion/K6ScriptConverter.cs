using Acornima;
using Acornima.Ast;
using Stampede.Plans;

namespace Stampede.K6.Conversion;

/// <summary>
/// <c>stampede convert k6 script.js</c>: reads a k6 script (and the local modules it imports) with Acornima, the
/// parser Jint uses, and writes the YAML plan that says the same, for the part of k6 a plan can say. Nothing is
/// left out silently: each construct it cannot convert is a comment at its place in the plan and a note.
/// </summary>
internal static class K6ScriptConverter
{
    private static readonly HashSet<string> ScenarioOptions =
    [
        "executor", "vus", "duration", "iterations", "stages", "startVUs", "gracefulRampDown", "rate", "timeUnit",
        "preAllocatedVUs", "maxVUs", "startRate", "maxDuration", "startTime", "gracefulStop", "tags", "env",
    ];

    public static K6Conversion Convert(string path)
    {
        var notes = new List<ConversionNote>();
        var loaded = new Dictionary<string, ScriptScope>(StringComparer.Ordinal);
        ScriptScope? main;
        try
        {
            main = Load(path, path, loaded, notes, out var error);
            if (main is null)
            {
                return new K6Conversion(null, notes, [error!]);
            }
        }
        catch (ParseErrorException syntax)
        {
            return new K6Conversion(null, notes, [SyntaxError(syntax, syntax.Data["file"] as string ?? path)]);
        }

        var root = new YamlMap().Add("name", new YamlText(Path.GetFileNameWithoutExtension(path)));
        foreach (var note in notes)
        {
            root.Comment(note.Comment);
        }

        var metrics = new YamlMap();
        foreach (var metric in Metrics(main))
        {
            if (Stampede.Metrics.BuiltinMetrics.All.Any(m => m.Name == metric.Name))
            {
                // The script names its own metric as a built-in one (ws_errors): in a plan the built-in is recorded by its steps.
                var why = $"'{metric.Name}' is a built-in metric of plans, recorded by its steps; the script's own adds to it are left out";
                root.Comment($"not converted: new metric '{metric.Name}' ({why})");
                notes.Add(new ConversionNote(main.File.Path, 1, 1, $"metric '{metric.Name}'", why));
                continue;
            }

            metrics.Add(metric.Name, metric.Kind == "trend-time" ? new YamlMap().Add("type", new YamlText("trend")).Add("isTime", new YamlBool(true)) : new YamlText(metric.Kind));
        }

        var options = main.Lookup("options", ExpressionConverter.Value);
        var scenarios = new YamlMap();
        var thresholds = new YamlMap();
        var tags = new YamlMap();
        var http = new YamlMap();
        var flows = new FlowConverter(notes);
        if (options is ObjectValue o)
        {
            Options(o, main, root, scenarios, thresholds, tags, http, flows, notes);
        }
        else if (options is UnknownValue unknown)
        {
            Note(main, root, unknown.At, "options a plan cannot read: " + unknown.Why, notes);
        }

        if (scenarios.Entries.All(e => e.Value is YamlComment))
        {
            var scenario = DefaultExecutor(options as ObjectValue ?? new ObjectValue([]));
            AddFlow(scenario, "default", main, flows, notes, root);
            scenarios.Add("default", scenario);
        }

        if (tags.Entries.Count > 0)
        {
            root.Add("tags", tags);
        }

        if (http.Entries.Count > 0)
        {
            root.Add("http", http);
        }

        if (metrics.Entries.Count > 0)
        {
            root.Add("metrics", metrics);
        }

        root.Add("scenarios", scenarios);
        if (thresholds.Entries.Count > 0)
        {
            root.Add("thresholds", thresholds);
        }

        var header = new[] { $"Converted from {Path.GetFileName(path)} by stampede convert k6.", "Run it: stampede run THIS.yaml -e BASE_URL=http://127.0.0.1:5000" };
        return new K6Conversion(YamlTreeWriter.Write(root, header).Replace("THIS", Path.GetFileNameWithoutExtension(path), StringComparison.Ordinal), notes, []);
    }

    private static PlanError SyntaxError(ParseErrorException syntax, string file) =>
        new($"{file}:{syntax.LineNumber}:{syntax.Column}", $"syntax error: {syntax.Error.Description}");

    private static ScriptScope? Load(string path, string shown, Dictionary<string, ScriptScope> loaded, List<ConversionNote> notes, out PlanError? error)
    {
        error = null;
        var full = Path.GetFullPath(path);
        if (loaded.TryGetValue(full, out var known))
        {
            return known;
        }

        if (!File.Exists(full))
        {
            error = new PlanError(shown, "file not found");
            return null;
        }

        var source = File.ReadAllText(full);
        Module module;
        try
        {
            module = new Parser(new ParserOptions()).ParseModule(source, shown);
        }
        catch (ParseErrorException syntax)
        {
            // The file is named here, since an imported module's error is reported at the import's file otherwise.
            syntax.Data["file"] = shown;
            throw;
        }

        var file = new ScriptFile(shown, source, module);
        var scope = new ScriptScope(file);
        loaded[full] = scope;
        foreach (var statement in module.Body)
        {
            switch (statement)
            {
                case ImportDeclaration import:
                    Import(import, scope, path, loaded, notes);
                    break;
                case ExportNamedDeclaration { Declaration: { } declaration }:
                    Declare(declaration, scope, notes);
                    break;
                case ExportDefaultDeclaration { Declaration: var fn }:
                    scope.Bind("default", new FunctionValue(fn));
                    break;
                case VariableDeclaration or FunctionDeclaration:
                    Declare(statement, scope, notes);
                    break;
                case EmptyStatement:
                    break;
                default:
                    notes.Add(file.Note(statement, "init code a plan has no place for"));
                    break;
            }
        }

        return scope;
    }

    private static void Declare(Node declaration, ScriptScope scope, List<ConversionNote> notes)
    {
        switch (declaration)
        {
            case FunctionDeclaration { Id: { } id } function:
                scope.Bind(id.Name, new FunctionValue(function));
                if (id.Name is "setup" or "teardown" or "handleSummary")
                {
                    notes.Add(scope.File.Note(function, $"{id.Name}() is not converted: write setup:/teardown: steps, or outputs"));
                }

                break;
            case VariableDeclaration variables:
                foreach (var declarator in variables.Declarations)
                {
                    if (declarator is { Id: Identifier name, Init: NewExpression { Callee: Identifier kind, Arguments: [StringLiteral metric, ..] } made }
                        && kind.Name is "Counter" or "Rate" or "Trend" or "Gauge")
                    {
                        var isTime = kind.Name == "Trend" && made.Arguments is [_, BooleanLiteral { Value: true }];
                        scope.Bind(name.Name, new MetricValue(metric.Value, isTime ? "trend-time" : kind.Name.ToLowerInvariant()));
                    }
                    else if (declarator is { Id: Identifier id, Init: { } init })
                    {
                        scope.BindLater(id.Name, init);
                    }
                    else
                    {
                        notes.Add(scope.File.Note(declarator, "only `const name = value` declarations convert"));
                    }
                }

                break;
            default:
                notes.Add(scope.File.Note(declaration, "an export a plan has no place for"));
                break;
        }
    }

    private static void Import(ImportDeclaration import, ScriptScope scope, string from, Dictionary<string, ScriptScope> loaded, List<ConversionNote> notes)
    {
        var source = import.Source.Value;
        if (source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal))
        {
            var shown = Path.Combine(Path.GetDirectoryName(scope.File.Path) ?? "", source);
            var module = Load(Path.Combine(Path.GetDirectoryName(from) ?? "", source), shown, loaded, notes, out var error);
            if (module is null)
            {
                notes.Add(scope.File.Note(import, error!.Message));
                return;
            }

            foreach (var specifier in import.Specifiers)
            {
                if (specifier is ImportSpecifier { Imported: Identifier imported, Local: var local })
                {
                    scope.Bind(local.Name, module.Lookup(imported.Name, ExpressionConverter.Value) ?? new UnknownValue(specifier, $"'{imported.Name}' is not exported by {source}"));
                }
                else
                {
                    notes.Add(scope.File.Note(specifier, "only named imports of local modules convert"));
                }
            }

            return;
        }

        foreach (var specifier in import.Specifiers)
        {
            var (imported, local) = specifier switch
            {
                ImportDefaultSpecifier d => ("default", d.Local.Name),
                ImportSpecifier { Imported: Identifier i } s => (i.Name, s.Local.Name),
                ImportNamespaceSpecifier n => ("*", n.Local.Name),
                _ => ("", ""),
            };
            var known = (source, imported) switch
            {
                ("k6/http", "default" or "*") => "http",
                ("k6/ws", "default" or "*") => "ws",
                ("k6", "check" or "sleep" or "group") => imported,
                ("k6/metrics", _) => "metrics",
                _ => null,
            };
            if (known is not null)
            {
                scope.Bind(local, new ModuleValue(known));
            }
            else
            {
                notes.Add(scope.File.Note(specifier, $"'{imported}' of {source} has no YAML equivalent"));
            }
        }
    }

    private static IEnumerable<MetricValue> Metrics(ScriptScope main)
    {
        var seen = new HashSet<string>();
        foreach (var declarator in main.File.Ast.Body.SelectMany(s => s switch
                 {
                     VariableDeclaration v => v.Declarations,
                     ExportNamedDeclaration { Declaration: VariableDeclaration v } => v.Declarations,
                     _ => [],
                 }))
        {
            if (declarator.Id is Identifier id && main.Lookup(id.Name, ExpressionConverter.Value) is MetricValue metric && seen.Add(metric.Name))
            {
                yield return metric;
            }
        }
    }

    private static void Options(ObjectValue options, ScriptScope main, YamlMap root, YamlMap scenarios, YamlMap thresholds, YamlMap tags, YamlMap http, FlowConverter flows, List<ConversionNote> notes)
    {
        foreach (var (key, value) in options.Properties)
        {
            switch (key)
            {
                case "vus" or "duration" or "iterations" or "stages":
                    break;
                case "thresholds" when value is ObjectValue judged:
                    foreach (var (metric, criteria) in judged.Properties)
                    {
                        if (ExpressionConverter.Yaml(criteria, out var unknown) is { } list)
                        {
                            thresholds.Add(metric, list is YamlList ? list : new YamlList([list]));
                        }
                        else
                        {
                            Note(main, thresholds, unknown?.At ?? main.File.Ast, $"the thresholds of '{metric}' a plan cannot write", notes);
                        }
                    }

                    break;
                case "tags" when ExpressionConverter.Yaml(value, out _) is YamlMap written:
                    tags.Entries.AddRange(written.Entries);
                    break;
                case "insecureSkipTLSVerify" when value is BoolValue skip:
                    http.Add("insecureSkipTlsVerify", new YamlBool(skip.Value));
                    break;
                case "maxRedirects" when value is NumberValue redirects:
                    http.Add("maxRedirects", new YamlNumber(redirects.Value));
                    break;
                case "scenarios" when value is ObjectValue all:
                    foreach (var (name, scenario) in all.Properties)
                    {
                        Scenario(name, scenario, main, scenarios, flows, notes, root);
                    }

                    break;
                default:
                    root.Comment($"not converted: options.{key} (an option with no YAML equivalent)");
                    notes.Add(new ConversionNote(main.File.Path, 1, 1, $"options.{key}", "an option with no YAML equivalent"));
                    break;
            }
        }
    }

    private static void Scenario(string name, ScriptValue value, ScriptScope main, YamlMap scenarios, FlowConverter flows, List<ConversionNote> notes, YamlMap root)
    {
        if (value is not ObjectValue options)
        {
            Note(main, scenarios, (value as UnknownValue)?.At ?? main.File.Ast, $"scenario '{name}' a plan cannot read", notes);
            return;
        }

        var scenario = new YamlMap();
        foreach (var (key, option) in options.Properties)
        {
            if (key == "exec")
            {
                continue;
            }

            if (ScenarioOptions.Contains(key) && ExpressionConverter.Yaml(option, out _) is { } written)
            {
                scenario.Add(key, written);
            }
            else
            {
                scenario.Comment($"not converted: {key} (a scenario option with no YAML equivalent)");
                notes.Add(new ConversionNote(main.File.Path, 1, 1, $"scenarios.{name}.{key}", "a scenario option with no YAML equivalent"));
            }
        }

        var exec = options.Get("exec") is TextValue e ? e.Template : "default";
        AddFlow(scenario, exec, main, flows, notes, root);
        scenarios.Add(name, scenario);
    }

    private static void AddFlow(YamlMap scenario, string function, ScriptScope main, FlowConverter flows, List<ConversionNote> notes, YamlMap root)
    {
        if (main.Lookup(function, ExpressionConverter.Value) is not FunctionValue { Function: var fn })
        {
            var why = $"the script has no function '{function}' to run";
            notes.Add(new ConversionNote(main.File.Path, 1, 1, function, why));
            scenario.Add("flow", new YamlList([new YamlComment($"not converted: {function} ({why})"), new YamlMap().Add("think", new YamlText("1s"))]));
            return;
        }

        var steps = flows.Steps(fn, main);
        if (steps.Items.All(i => i is YamlComment))
        {
            // A plan's flow may not be empty; a pause keeps the plan loadable while the notes say what is missing.
            steps.Items.Add(new YamlMap().Add("think", new YamlText("1s")));
        }

        scenario.Add("flow", steps);
    }

    /// <summary>k6's shortcuts (vus, duration, iterations, stages) as the executor k6 makes of them.</summary>
    private static YamlMap DefaultExecutor(ObjectValue options)
    {
        var scenario = new YamlMap();
        var vus = options.Get("vus") is NumberValue v ? v.Value : (double?)null;
        if (options.Get("stages") is ArrayValue && ExpressionConverter.Yaml(options.Get("stages")!, out _) is { } stages)
        {
            scenario.Add("executor", new YamlText("ramping-vus"));
            if (vus is { } start)
            {
                scenario.Add("startVUs", new YamlNumber(start));
            }

            scenario.Add("stages", stages);
        }
        else if (options.Get("iterations") is NumberValue iterations)
        {
            scenario.Add("executor", new YamlText("shared-iterations")).Add("vus", new YamlNumber(vus ?? 1)).Add("iterations", new YamlNumber(iterations.Value));
            if (options.Get("duration") is TextValue max)
            {
                scenario.Add("maxDuration", new YamlText(max.Template));
            }
        }
        else if (options.Get("duration") is TextValue duration)
        {
            scenario.Add("executor", new YamlText("constant-vus")).Add("vus", new YamlNumber(vus ?? 1)).Add("duration", new YamlText(duration.Template));
        }
        else
        {
            // k6 without load options runs one iteration on one VU.
            scenario.Add("executor", new YamlText("per-vu-iterations")).Add("vus", new YamlNumber(vus ?? 1)).Add("iterations", new YamlNumber(1));
        }

        return scenario;
    }

    private static void Note(ScriptScope scope, YamlMap into, Node at, string why, List<ConversionNote> notes)
    {
        var note = scope.File.Note(at, why);
        notes.Add(note);
        into.Comment(note.Comment);
    }
}

using Stampede.Plans;
using Stampede.Yaml.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Parses every <c>{{ }}</c> template in a plan with its location, and remembers the names they use so that, once the
/// whole plan is read, names that nothing provides (a misspelt capture, an unknown data file) are reported.
/// </summary>
internal sealed class TemplateReader(PlanReader reader)
{
    private readonly List<(TemplatePath Path, SourceLocation Location, string Setting)> _uses = [];

    public HashSet<string> Captures { get; } = new(StringComparer.Ordinal);

    public TextTemplate? Parse(YamlNode node, string path, string what = "a text value")
    {
        var text = reader.Text(node, path, what);
        return text is null ? null : Parse(text, node, path);
    }

    public TextTemplate? Parse(string text, YamlNode node, string path)
    {
        var template = TextTemplate.Parse(text, out var error, out var offset);
        if (template is null)
        {
            reader.Errors.Add(new PlanError(path, error!, Offset(node, offset)));
            return null;
        }

        foreach (var use in template.Paths)
        {
            var at = text.IndexOf(use.Text, StringComparison.Ordinal);
            _uses.Add((use, Offset(node, at < 0 ? 0 : Math.Max(0, text.LastIndexOf("{{", at, StringComparison.Ordinal))), path));
        }

        return template;
    }

    /// <summary>Location of character <paramref name="offset"/> of a scalar, exact for one-line scalars.</summary>
    private SourceLocation Offset(YamlNode node, int offset)
    {
        var at = reader.At(node);
        var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
        return node.Start.Line == node.End.Line ? at with { Column = at.Column + offset + quoted } : at;
    }

    /// <summary>Reports names no part of the plan provides.</summary>
    public void CheckNames(IReadOnlyCollection<string> dataSets, IReadOnlyCollection<string> vars, bool hasSetup, bool hasQuestions)
    {
        foreach (var (use, location, setting) in _uses)
        {
            CheckName(use, location, setting, dataSets, vars, hasSetup, hasQuestions);
            foreach (var inner in use.Parts.Where(p => p.IndexPath is not null))
            {
                CheckName(inner.IndexPath!, location, setting, dataSets, vars, hasSetup, hasQuestions);
            }
        }
    }

    private void CheckName(TemplatePath use, SourceLocation location, string setting, IReadOnlyCollection<string> dataSets, IReadOnlyCollection<string> vars, bool hasSetup, bool hasQuestions)
    {
        var second = use.Parts.Count > 1 ? use.Parts[1].Name : null;
        string? problem = use.Root switch
        {
            "env" when second is null => "'env' needs a variable name: {{ env.NAME }}",
            "env" when !reader.Env.ContainsKey(second) => $"environment variable '{second}' is not set: give -e {second}=VALUE",
            "data" when second is null => "'data' needs a data set name: {{ data.SET.COLUMN }}",
            "data" when !dataSets.Contains(second) => $"unknown data set '{second}'" + Suggest(second, dataSets) + (dataSets.Count == 0 ? " (the plan has no data: section)" : ""),
            "setup" when !hasSetup => "the plan has no setup: section, so 'setup' names nothing",
            "question" when !hasQuestions => "the plan has no questions: section, so 'question' names nothing",
            "vu" when second is not null and not ("id" or "index" or "idInScenario" or "iteration") => $"unknown 'vu.{second}': expected vu.id, vu.index, vu.idInScenario or vu.iteration",
            "now" when second is not null and not ("unixMs" or "unix" or "iso") => $"unknown 'now.{second}': expected now.unixMs, now.unix or now.iso",
            "random" when second is not null and not ("int" or "uuid" or "float" or "hex") => $"unknown 'random.{second}': expected random.int, random.uuid, random.float or random.hex",
            "fake" when second is null || !FakeData.Kinds.Contains(second) => $"unknown 'fake.{second}': expected one of {string.Join(", ", FakeData.Kinds.Select(k => "fake." + k))}",
            _ when PlanKeys.TemplateRoots.Contains(use.Root) || Captures.Contains(use.Root) || vars.Contains(use.Root) => null,
            _ => $"unknown name '{use.Root}' in '{{{{ {use.Text} }}}}'" + Suggest(use.Root, [.. Captures, .. vars, .. PlanKeys.TemplateRoots])
                + "; a name must be captured by a step, defined in vars:, or be one of " + string.Join(", ", PlanKeys.TemplateRoots),
        };
        if (problem is not null)
        {
            reader.Errors.Add(new PlanError(setting, problem, location));
        }
    }

    private static string Suggest(string name, IEnumerable<string> candidates) =>
        NameSuggestion.Closest(name, candidates) is { } s ? $"; did you mean '{s}'?" : "";

    /// <summary>The first cycle among named templates (<c>a → b → a</c>), or null.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, TextTemplate> vars)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var name in vars.Keys)
        {
            if (Visit(name) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        IReadOnlyList<string>? Visit(string name)
        {
            if (state.GetValueOrDefault(name) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(name) == 1)
            {
                return [.. stack.Skip(stack.IndexOf(name)), name];
            }

            state[name] = 1;
            stack.Add(name);
            foreach (var next in vars[name].Paths.Select(p => p.Root).Where(vars.ContainsKey))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
            return null;
        }
    }
}

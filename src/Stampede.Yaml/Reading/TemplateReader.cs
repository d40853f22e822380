using System.Text.RegularExpressions;
using Stampede.Data.Templates;
using Stampede.Plans;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Parses every <c>{{ }}</c> template in a plan with its location, and remembers the names they use so that, once the
/// whole plan is read, names that nothing provides (a misspelt capture, an unknown data set) are reported.
/// </summary>
internal sealed class TemplateReader(PlanReader reader)
{
    private readonly List<(string Name, bool IsDataSet, SourceLocation Location, string Setting)> _uses = [];

    public HashSet<string> Captures { get; } = new(StringComparer.Ordinal);

    /// <summary>While a part (a scenario, setup, teardown) is read: collects the names and data sets its templates use.</summary>
    public TemplateUses? Part { get; set; }

    public Template? Parse(YamlNode node, string path, string what = "a text value")
    {
        var text = reader.Text(node, path, what);
        return text is null ? null : Parse(text, node, path);
    }

    /// <summary>Parses <paramref name="text"/>, which starts at character <paramref name="offset"/> of <paramref name="node"/>'s scalar.</summary>
    public Template? Parse(string text, YamlNode node, string path, int offset = 0)
    {
        var before = reader.Errors.Count;
        var template = Template.Parse(text, reader.Errors, path, at => Offset(node, offset + at));
        if (reader.Errors.Count > before)
        {
            return null;
        }

        foreach (var name in template.ReferencedNames)
        {
            _uses.Add((name, false, Offset(node, offset + Find(text, $@"(?<![\w.\-'""])(?:{Regex.Escape(name)})(?![\w\-])")), path));
        }

        foreach (var set in template.ReferencedDataSets)
        {
            _uses.Add((set, true, Offset(node, offset + Find(text, $@"\bdata\s*\.\s*{Regex.Escape(set)}(?![\w\-])")), path));
        }

        Part?.Add(template);
        return template;
    }

    /// <summary>Where the placeholder holding <paramref name="pattern"/> opens (for error columns); 0 when not found.</summary>
    private static int Find(string text, string pattern)
    {
        var match = Regex.Match(text, @"\{\{(?:(?!\}\})[\s\S])*?" + pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Index : 0;
    }

    /// <summary>Location of character <paramref name="offset"/> of a scalar, exact for one-line scalars.</summary>
    private SourceLocation Offset(YamlNode node, int offset)
    {
        var at = reader.At(node);
        var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
        return node.Start.Line == node.End.Line ? at with { Column = at.Column + offset + quoted } : at;
    }

    /// <summary>Reports names no part of the plan provides.</summary>
    public void CheckNames(IReadOnlyCollection<string> dataSets, IReadOnlyCollection<string> vars, bool hasSetup, bool hasTenants = false)
    {
        foreach (var (name, isDataSet, location, setting) in _uses)
        {
            string? problem = isDataSet
                ? dataSets.Contains(name) ? null : $"unknown data set '{name}'" + Suggest(name, dataSets) + (dataSets.Count == 0 ? " (the plan has no data: section)" : "")
                : name switch
                {
                    "setup" when !hasSetup => "the plan has no setup: section, so 'setup' names nothing",
                    "tenant" when hasTenants => null,
                    "tenant" when !Captures.Contains(name) && !vars.Contains(name) => "the plan has no tenants: section, so 'tenant' names nothing",
                    _ when PlanKeys.TemplateRoots.Contains(name) || Captures.Contains(name) || vars.Contains(name) => null,
                    _ => $"unknown name '{name}'" + Suggest(name, [.. Captures, .. vars, .. PlanKeys.TemplateRoots])
                        + "; a name must be captured by a step, defined in vars:, or be one of " + string.Join(", ", PlanKeys.TemplateRoots),
                };
            if (problem is not null)
            {
                reader.Errors.Add(new PlanError(setting, problem, location));
            }
        }
    }

    private static string Suggest(string name, IEnumerable<string> candidates) =>
        NameSuggestion.Closest(name, candidates) is { } s ? $"; did you mean '{s}'?" : "";
}

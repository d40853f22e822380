using Stampede.Data.Templates;

namespace Stampede.Yaml.Reading;

/// <summary>The names and data sets the templates of one part of a plan use.</summary>
internal sealed class TemplateUses
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DataSets { get; } = new(StringComparer.Ordinal);

    public void Add(Template template)
    {
        Names.UnionWith(template.ReferencedNames);
        DataSets.UnionWith(template.ReferencedDataSets);
    }

    /// <summary>The data sets read directly or through <c>vars:</c> (which may use each other).</summary>
    public IReadOnlyList<string> DataSetsWith(IReadOnlyDictionary<string, Template> vars)
    {
        var sets = new HashSet<string>(DataSets, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Names);
        while (pending.TryPop(out var name))
        {
            if (seen.Add(name) && vars.TryGetValue(name, out var template))
            {
                sets.UnionWith(template.ReferencedDataSets);
                foreach (var next in template.ReferencedNames)
                {
                    pending.Push(next);
                }
            }
        }

        return [.. sets.Order(StringComparer.Ordinal)];
    }
}

using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// The one rule for what a step may capture into, whichever protocol the step speaks: letters, digits, '_' or '-', with
/// '[]' at the end to append to a list, and not a name the templating language keeps for itself.
/// </summary>
internal static class CaptureName
{
    /// <summary>The name <paramref name="key"/> captures into and whether it appends, or null (reported at <paramref name="keyNode"/>) when it is no name.</summary>
    public static (string Name, bool Append)? Read(PlanReader reader, string key, YamlNode keyNode, string path)
    {
        var append = key.EndsWith("[]", StringComparison.Ordinal);
        var name = append ? key[..^2] : key;
        if (PlanKeys.TemplateRoots.Contains(name))
        {
            reader.Error(path, $"'{name}' is a reserved template name; pick another capture name", keyNode);
            return null;
        }

        if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'))
        {
            reader.Error(path, $"bad capture name '{key}': expected letters, digits, '_' or '-' (with '[]' at the end to append to a list)", keyNode);
            return null;
        }

        return (name, append);
    }
}

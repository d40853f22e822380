using System.Globalization;
using Stampede.Plans;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Reads typed values out of YAML nodes for one plan file, collecting every problem with its file, line and column
/// instead of stopping at the first, and remembering where each setting was written so that problems found
/// later (by <see cref="TestPlan.Validate"/>) can point at it too.
/// </summary>
internal sealed class PlanReader(string file, string baseDirectory, IReadOnlyDictionary<string, string> env)
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _misspelt = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public string BaseDirectory { get; } = baseDirectory;

    public IReadOnlyDictionary<string, string> Env { get; } = env;

    public List<PlanError> Errors { get; } = [];

    /// <summary>What validates but probably is not what the author meant; reported only for a plan without errors.</summary>
    public List<PlanError> Warnings { get; } = [];

    // Nodes read from an included file, with that file (as shown, and its folder): their problems are located there,
    // and the paths written in them resolve from there.
    private readonly Dictionary<YamlNode, (string Shown, string Directory)> _included = new(ReferenceEqualityComparer.Instance);

    public SourceLocation At(YamlNode node) => new(FileOf(node), (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>The file <paramref name="node"/> was written in: the plan, or the included file it came from.</summary>
    public string FileOf(YamlNode node) => _included.TryGetValue(node, out var file) ? file.Shown : File;

    /// <summary>The folder paths written at <paramref name="node"/> are relative to (data, bodies, includes).</summary>
    public string DirectoryOf(YamlNode node) => _included.TryGetValue(node, out var file) ? file.Directory : BaseDirectory;

    /// <summary>The plan file's full path.</summary>
    public string FullPath => Path.GetFullPath(Path.Combine(BaseDirectory, Path.GetFileName(File)));

    /// <summary>Marks every node of an included document as written in the file at <paramref name="fullPath"/>.</summary>
    public void Adopt(YamlNode root, string fullPath)
    {
        // Shown as the plan is: examples/suite/login.yaml beside examples/suite/plan.yaml.
        var shown = Path.Combine(Path.GetDirectoryName(File) ?? "", Path.GetRelativePath(BaseDirectory, fullPath));
        var directory = Path.GetDirectoryName(fullPath) ?? BaseDirectory;
        foreach (var node in root.AllNodes)
        {
            _included[node] = (shown, directory);
        }
    }

    public void Error(string path, string message, YamlNode node) => Errors.Add(new PlanError(path, message, At(node)));

    public void Warn(string path, string message, YamlNode node) => Warnings.Add(new PlanError(path, message, At(node)));

    public void Remember(string path, YamlNode node) => _locations.TryAdd(path, At(node));

    /// <summary>Where the setting <paramref name="path"/> (or the nearest enclosing one) was written.</summary>
    public SourceLocation? LocationOf(string path)
    {
        var key = path;
        while (key.Length > 0)
        {
            if (_locations.TryGetValue(key, out var location))
            {
                return location;
            }

            var cut = Math.Max(key.LastIndexOf('.'), key.LastIndexOf('['));
            if (cut <= 0)
            {
                break;
            }

            key = key[..cut];
        }

        return null;
    }

    /// <summary>The entries of a mapping, with unknown keys reported (with a suggestion) and left out.</summary>
    public IReadOnlyList<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Mapping(YamlNode node, string path, IReadOnlyCollection<string>? allowed, string what)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(path, $"expected {what}, found {Describe(node)}", node);
            return [];
        }

        Remember(path, node);
        var entries = new List<(string, YamlScalarNode, YamlNode)>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode scalarKey || scalarKey.Value is null)
            {
                Error(path, "expected a plain key", keyNode);
                continue;
            }

            var key = scalarKey.Value;
            if (allowed is not null && !allowed.Contains(key))
            {
                var suggestion = NameSuggestion.Closest(key, allowed);
                if (suggestion is not null)
                {
                    _misspelt.Add(Join(path, suggestion));
                }

                Error(Join(path, key), $"unknown key '{key}' in {what}" + (suggestion is null ? $"; expected one of: {string.Join(", ", allowed)}" : $"; did you mean '{suggestion}'?"), keyNode);
                continue;
            }

            Remember(Join(path, key), value);
            entries.Add((key, scalarKey, value));
        }

        return entries;
    }

    /// <summary>Reports a missing required key, unless a misspelling of it was already reported.</summary>
    public void Missing(string path, string key, string message, YamlNode node)
    {
        if (!_misspelt.Contains(Join(path, key)))
        {
            Error(path.Length == 0 ? key : path, message, node);
        }
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain } => "nothing",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? "")}'",
        _ => "an unsupported node",
    };

    private static string Shorten(string text) => text.Length > 40 ? text[..37] + "..." : text;

    /// <summary>A scalar's text with <c>${VAR}</c> expanded, or null (reported) when the node is not a scalar.</summary>
    public string? Text(YamlNode node, string path, string what = "a text value")
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(path, $"expected {what}, found {Describe(node)}", node);
            return null;
        }

        var raw = scalar.Value ?? "";
        var expanded = EnvExpander.Expand(raw, Env, out var problem);
        if (problem is not null)
        {
            Error(path, problem, node);
            return null;
        }

        return expanded;
    }

    /// <summary>A scalar that must be one of <paramref name="choices"/>, or null (reported, with the closest choice).</summary>
    public string? OneOf(YamlNode node, string path, IReadOnlyList<string> choices)
    {
        var text = Text(node, path, "one of " + string.Join(", ", choices));
        if (text is null || choices.Contains(text))
        {
            return text;
        }

        var suggestion = Plans.NameSuggestion.Closest(text, choices);
        Error(path, $"expected one of {string.Join(", ", choices)}, found '{text}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"), node);
        return null;
    }

    public bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar && scalar.Value is null or "" or "~" or "null";

    public int? Int(YamlNode node, string path, int min, int max)
    {
        var text = Text(node, path, "a whole number");
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Error(path, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase)
                ? $"expected a whole number between {min:N0} and {max:N0}, found {text} (too large)"
                : $"expected a whole number, found {Describe(node)}", node);
            return null;
        }

        if (value < min || value > max)
        {
            Error(path, $"expected a whole number between {min:N0} and {max:N0}, found {text}", node);
            return null;
        }

        return (int)value;
    }

    public double? Number(YamlNode node, string path, double min, double max)
    {
        var text = Text(node, path, "a number");
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value))
        {
            Error(path, $"expected a number, found {Describe(node)}", node);
            return null;
        }

        if (value < min || value > max)
        {
            Error(path, $"expected a number between {min:N0} and {max:N0}, found {text}", node);
            return null;
        }

        return value;
    }

    public bool? Bool(YamlNode node, string path)
    {
        var text = Text(node, path, "true or false");
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(path, $"expected true or false, found {Describe(node)}", node);
                return null;
        }
    }

    public TimeSpan? Duration(YamlNode node, string path, bool allowZero = true)
    {
        var text = Text(node, path, "a duration such as 30s");
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith('-'))
        {
            Error(path, $"duration '{text}' must not be negative", node);
            return null;
        }

        if (!Plans.Duration.TryParse(text, out var value, out var error))
        {
            Error(path, error!, node);
            return null;
        }

        if (!allowZero && value <= TimeSpan.Zero)
        {
            Error(path, $"duration must be greater than 0, found '{text}'", node);
            return null;
        }

        return value;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string path, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        Error(path, $"expected {what} (a list), found {Describe(node)}", node);
        return [];
    }

    /// <summary>A mapping of text to text (headers, tags, env), values expanded.</summary>
    public Dictionary<string, string> StringMap(YamlNode node, string path, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, _, value) in Mapping(node, path, null, what))
        {
            if (Text(value, Join(path, key)) is { } text)
            {
                result[key] = text;
            }
        }

        return result;
    }
}

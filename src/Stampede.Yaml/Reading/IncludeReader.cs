using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// <c>include:</c> — other YAML files a plan shares with its suite, as k6 scripts share modules. At the top of a plan
/// (one path or a list) an included file brings <c>vars</c>, <c>thresholds</c>, <c>profile</c>, <c>metrics</c>,
/// <c>tags</c>, <c>env</c> and <c>http</c>: a key the plan writes itself wins, and the entries of a mapping are
/// merged, the plan's own winning. As a step (<c>- include: common/login.yaml</c>) it puts the file's steps (a list,
/// or <c>steps:</c>) in its place. Paths are relative to the file that includes; a file that includes itself,
/// directly or not, is an error at the include that closes the circle. Nodes keep the file they were written in, so
/// every problem inside an included file is reported there.
/// </summary>
internal sealed class IncludeReader(PlanReader reader)
{
    /// <summary>What an included plan fragment may hold.</summary>
    public static readonly IReadOnlyList<string> FragmentKeys = ["include", "description", "vars", "thresholds", "profile", "metrics", "tags", "env", "http"];

    /// <summary>The keys whose mappings merge entry by entry; any other key is taken whole, when the plan lacks it.</summary>
    private static readonly HashSet<string> Merged = ["vars", "thresholds", "metrics", "tags", "env", "http"];

    private readonly Dictionary<string, YamlNode?> _parsed = new(StringComparer.Ordinal);
    private readonly List<string> _chain = [];

    /// <summary>Folds the files the plan's top-level <c>include:</c> names into <paramref name="root"/>.</summary>
    public void MergeInto(YamlMappingNode root)
    {
        _chain.Add(reader.FullPath);
        Merge(root, "");
        _chain.Clear();
    }

    private void Merge(YamlMappingNode into, string path)
    {
        if (!into.Children.TryGetValue(new YamlScalarNode("include"), out var value))
        {
            return;
        }

        var at = PlanReader.Join(path, "include");
        foreach (var (item, itemPath) in Items(value, at))
        {
            if (Open(item, itemPath) is not { } file)
            {
                continue;
            }

            try
            {
                var included = _parsed[file];
                if (included is not YamlMappingNode fragment)
                {
                    reader.Error(itemPath, $"expected an included file to be a mapping of {string.Join(", ", FragmentKeys.Skip(1))}, found {Describe(included)}", included ?? item);
                    continue;
                }

                Merge(fragment, "");
                foreach (var (keyNode, entry) in fragment.Children)
                {
                    // Checked here rather than by reader.Mapping, which would remember these places as the plan's own keys'.
                    var key = (keyNode as YamlScalarNode)?.Value ?? "";
                    if (!FragmentKeys.Contains(key))
                    {
                        var suggestion = Plans.NameSuggestion.Closest(key, FragmentKeys);
                        reader.Error(key, $"unknown key '{key}' in an included file (it may hold {string.Join(", ", FragmentKeys)})"
                            + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"), keyNode);
                        continue;
                    }

                    if (key is "include" or "description")
                    {
                        continue;
                    }

                    if (!into.Children.TryGetValue(keyNode, out var own))
                    {
                        into.Children.Add(keyNode, entry);
                    }
                    else if (Merged.Contains(key) && own is YamlMappingNode ownMap && entry is YamlMappingNode theirs)
                    {
                        foreach (var (k, v) in theirs.Children)
                        {
                            ownMap.Children.TryAdd(k, v);
                        }
                    }
                }
            }
            finally
            {
                _chain.RemoveAt(_chain.Count - 1);
            }
        }
    }

    /// <summary>
    /// For a step <c>- include: FILE</c>: the file's steps, with the file entered (call <see cref="Leave"/> once they
    /// are read, so an include among them that leads back here is seen as the circle it is); null when it cannot be read.
    /// </summary>
    public IReadOnlyList<YamlNode>? EnterSteps(YamlNode value, string path)
    {
        if (_chain.Count == 0)
        {
            _chain.Add(reader.FullPath);
        }

        if (value is not YamlScalarNode)
        {
            reader.Error(path, $"expected the path of a file of steps, found {PlanReader.Describe(value)}", value);
            return null;
        }

        if (Open(value, path) is not { } file)
        {
            return null;
        }

        var root = _parsed[file];
        var steps = root;
        if (root is YamlMappingNode mapping)
        {
            var get = reader.Mapping(mapping, "", ["steps", "description"], "an included file of steps").ToDictionary(e => e.Key, e => e.Value);
            steps = get.GetValueOrDefault("steps");
        }

        if (steps is YamlSequenceNode { Children.Count: > 0 } list)
        {
            return [.. list.Children];
        }

        reader.Error(path, $"expected the included file to hold steps (a list, or steps: [...]), found {Describe(steps)}", steps ?? value);
        Leave();
        return null;
    }

    public void Leave() => _chain.RemoveAt(_chain.Count - 1);

    /// <summary>Resolves, checks and parses the file <paramref name="node"/> names, and enters it; null (reported) when it cannot.</summary>
    private string? Open(YamlNode node, string path)
    {
        if (reader.Text(node, path, "a file path") is not { Length: > 0 } text)
        {
            if (node is YamlScalarNode)
            {
                reader.Error(path, "expected a file path, found nothing", node);
            }

            return null;
        }

        var file = Path.GetFullPath(Path.Combine(reader.DirectoryOf(node), text));
        var circle = _chain.IndexOf(file);
        if (circle >= 0)
        {
            var names = _chain.Skip(circle).Append(file).Select(Path.GetFileName);
            reader.Error(path, $"include cycle: {string.Join(" → ", names)}", node);
            return null;
        }

        if (!_parsed.ContainsKey(file))
        {
            if (!File.Exists(file))
            {
                reader.Error(path, $"included file '{text}' not found (paths are relative to the file that includes it)", node);
                return null;
            }

            YamlNode? root;
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(File.ReadAllText(file)));
                root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            }
            catch (YamlException exception)
            {
                reader.Errors.Add(new Plans.PlanError("", "YAML syntax error: " + exception.Message.Split(": ", 2)[^1],
                    new Plans.SourceLocation(Path.Combine(Path.GetDirectoryName(reader.File) ?? "", Path.GetRelativePath(reader.BaseDirectory, file)),
                        (int)exception.Start.Line, (int)exception.Start.Column)));
                return null;
            }

            if (root is not null)
            {
                reader.Adopt(root, file);
            }

            _parsed[file] = root;
        }

        _chain.Add(file);
        return file;
    }

    private IEnumerable<(YamlNode Node, string Path)> Items(YamlNode value, string path)
    {
        if (value is YamlSequenceNode list)
        {
            return list.Children.Select((c, i) => (c, $"{path}[{i}]"));
        }

        return [(value, path)];
    }

    private static string Describe(YamlNode? node) => node is null ? "nothing" : PlanReader.Describe(node);
}

using Stampede.Plans;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Data.Questions;

/// <summary>
/// Generates questions for chat and LLM workloads from combinatorial banks built into the library (or from custom
/// templates). Seeded: the same strategy, seed and templates give the same sequence. Unique: within one generator a
/// question repeats only after every combination of its form was asked (hundreds of thousands to billions for the
/// built-in strategies). Thread-safe: <see cref="Next"/> may be called from many VUs at once; share one generator to
/// keep questions unique across the run, or give each VU its own (seeded from the plan seed and the VU number) to make
/// each VU's sequence repeatable regardless of scheduling.
/// </summary>
public sealed class QuestionGenerator
{
    private readonly QuestionSource _source;
    private readonly ulong _key;
    private long _next = -1;

    /// <summary>Creates a generator.</summary>
    /// <param name="strategy">Which built-in bank to draw from; ignored when <paramref name="customTemplates"/> has templates.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="customTemplates">Custom templates to draw from instead of the built-in banks; every combination of every template is asked once, in a shuffled order, before any repeats.</param>
    /// <exception cref="ArgumentException">A custom template uses a placeholder without values.</exception>
    public QuestionGenerator(QuestionStrategy strategy, int seed, IReadOnlyList<QuestionTemplate>? customTemplates = null)
    {
        _key = SeedMixer.Finalise((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0x51ED270B);
        if (customTemplates is { Count: > 0 })
        {
            _source = new QuestionUnion([.. customTemplates.Select(t =>
                QuestionForm.FromText(t.Text, name => t.Variables.TryGetValue(name, out var values) ? values : null))]);
        }
        else
        {
            _source = QuestionBanks.For(strategy);
        }
    }

    /// <summary>How many different questions this generator can ask before any repeats (at least).</summary>
    public long DistinctQuestions => _source.Size;

    /// <summary>The next question.</summary>
    public string Next() => _source.Generate(Interlocked.Increment(ref _next), _key);

    /// <summary>
    /// Reads custom templates from a YAML or JSON file. Format: a list of templates, or a mapping with <c>templates</c>
    /// and optional shared <c>variables</c>; a template is a string or a mapping with <c>text</c> and its own
    /// <c>variables</c> (which win over shared ones). Every problem is added to <paramref name="errors"/> with its line.
    /// <code>
    /// variables:
    ///   country: [France, Japan, Peru]
    /// templates:
    ///   - "What is the capital of {country}?"
    ///   - text: "What is {dish} made of?"
    ///     variables:
    ///       dish: [paella, ramen, ceviche]
    /// </code>
    /// </summary>
    public static IReadOnlyList<QuestionTemplate> LoadTemplates(string yamlOrJsonPath, List<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        const string setting = "questions.templates";
        YamlNode root;
        try
        {
            using var reader = new StreamReader(yamlOrJsonPath);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0)
            {
                errors.Add(new PlanError(setting, $"question template file '{yamlOrJsonPath}' is empty", new SourceLocation(yamlOrJsonPath)));
                return [];
            }

            root = stream.Documents[0].RootNode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            errors.Add(new PlanError(setting, $"cannot read question template file '{yamlOrJsonPath}': {reason}"));
            return [];
        }
        catch (YamlException e)
        {
            errors.Add(new PlanError(setting, "invalid YAML/JSON: " + e.Message, At(yamlOrJsonPath, e.Start)));
            return [];
        }

        var reader2 = new TemplateFileReader(yamlOrJsonPath, errors);
        return reader2.Read(root);
    }

    private static SourceLocation At(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    private sealed class TemplateFileReader(string file, List<PlanError> errors)
    {
        private const string Setting = "questions.templates";

        public List<QuestionTemplate> Read(YamlNode root)
        {
            var shared = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            YamlSequenceNode? list;
            switch (root)
            {
                case YamlSequenceNode sequence:
                    list = sequence;
                    break;
                case YamlMappingNode mapping:
                    list = null;
                    foreach (var (keyNode, value) in mapping.Children)
                    {
                        var key = ((YamlScalarNode)keyNode).Value;
                        switch (key)
                        {
                            case "templates":
                                list = value as YamlSequenceNode;
                                if (list is null)
                                {
                                    Error(value, "'templates' must be a list of templates");
                                }

                                break;
                            case "variables":
                                ReadVariables(value, shared);
                                break;
                            default:
                                var hint = NameSuggestion.Closest(key ?? "", ["templates", "variables"]);
                                Error(keyNode, $"unknown key '{key}': expected 'templates' or 'variables'" + (hint is null ? "" : $"; did you mean '{hint}'?"));
                                break;
                        }
                    }

                    if (list is null)
                    {
                        Error(root, "no 'templates' list");
                        return [];
                    }

                    break;
                default:
                    Error(root, "expected a list of templates, or a mapping with 'templates' and 'variables'");
                    return [];
            }

            var templates = new List<QuestionTemplate>();
            foreach (var item in list.Children)
            {
                var template = ReadTemplate(item, shared);
                if (template is not null)
                {
                    templates.Add(template);
                }
            }

            if (templates.Count == 0 && list.Children.Count == 0)
            {
                Error(list, "the template list is empty");
            }

            return templates;
        }

        private QuestionTemplate? ReadTemplate(YamlNode node, Dictionary<string, IReadOnlyList<string>> shared)
        {
            string? text = null;
            var variables = new Dictionary<string, IReadOnlyList<string>>(shared, StringComparer.Ordinal);
            if (node is YamlScalarNode scalar)
            {
                text = scalar.Value;
            }
            else if (node is YamlMappingNode mapping)
            {
                foreach (var (keyNode, value) in mapping.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value;
                    if (key == "text")
                    {
                        text = (value as YamlScalarNode)?.Value;
                    }
                    else if (key == "variables")
                    {
                        ReadVariables(value, variables);
                    }
                    else
                    {
                        var hint = NameSuggestion.Closest(key ?? "", ["text", "variables"]);
                        Error(keyNode, $"unknown key '{key}': expected 'text' or 'variables'" + (hint is null ? "" : $"; did you mean '{hint}'?"));
                    }
                }
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                Error(node, "a template needs its question text (a string, or 'text: …')");
                return null;
            }

            var ok = true;
            foreach (var name in Placeholders(text))
            {
                if (!variables.ContainsKey(name))
                {
                    var hint = NameSuggestion.Closest(name, variables.Keys);
                    Error(node, $"'{{{name}}}' has no values: add it under 'variables'" + (hint is null ? "" : $" (or did you mean '{{{hint}}}'?)"));
                    ok = false;
                }
            }

            return ok ? new QuestionTemplate(text, variables) : null;
        }

        private void ReadVariables(YamlNode node, Dictionary<string, IReadOnlyList<string>> into)
        {
            if (node is not YamlMappingNode mapping)
            {
                Error(node, "'variables' must map each placeholder to a list of values");
                return;
            }

            foreach (var (keyNode, value) in mapping.Children)
            {
                var name = ((YamlScalarNode)keyNode).Value ?? "";
                if (value is not YamlSequenceNode sequence || sequence.Children.Count == 0 || sequence.Children.Any(c => c is not YamlScalarNode))
                {
                    Error(value, $"variable '{name}' needs a non-empty list of values");
                    continue;
                }

                into[name] = [.. sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? "")];
            }
        }

        private static IEnumerable<string> Placeholders(string text)
        {
            var position = 0;
            while (true)
            {
                var open = text.IndexOf('{', position);
                var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
                if (close < 0)
                {
                    yield break;
                }

                yield return text[(open + 1)..close].Trim();
                position = close + 1;
            }
        }

        private void Error(YamlNode node, string message) => errors.Add(new PlanError(Setting, message, At(file, node.Start)));
    }
}

using Stampede.Data.Templates;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>What the streaming steps read alike: URL, method, name tag, headers, timeouts, checks, captures and abortIterationOnFail.</summary>
internal sealed class StreamStepParts(PlanReader reader, TemplateReader templates, FlowReader flows)
{
    private static readonly IReadOnlyList<string> StreamCheckOptions = ["name"];

    public StreamAssertions Assertions(Dictionary<string, YamlNode> get, string path, StreamValues values, string label)
    {
        var checks = new List<StreamCheck>();
        if (get.TryGetValue("check", out var c))
        {
            foreach (var (key, keyNode, value) in reader.Mapping(c, path + ".check", null, $"checks {{ {values.Names[0]}: ... }}"))
            {
                var at = PlanReader.Join(path + ".check", key);
                var selector = StreamValue.Parse(key, values, forCheck: true, out var error);
                if (selector is null)
                {
                    reader.Error(at, error!, keyNode);
                    continue;
                }

                // A check named as a k6 script names it (`status: { is: 101, name: connected }`), as request checks are.
                if (flows.Matcher(value, at, selector.IsDuration, StreamCheckOptions) is { } matcher)
                {
                    var name = value is YamlMappingNode options && options.Children.FirstOrDefault(o => o.Key is YamlScalarNode { Value: "name" }).Value is { } n
                        ? reader.Text(n, at + ".name", "a check name")
                        : null;
                    checks.Add(new StreamCheck(name ?? $"{label} {key} {matcher.Description}", selector, matcher));
                }
            }
        }

        var captures = new List<StreamCapture>();
        if (get.TryGetValue("capture", out var cap))
        {
            foreach (var (key, keyNode, value) in reader.Mapping(cap, path + ".capture", null, "captures { name: value }"))
            {
                var at = PlanReader.Join(path + ".capture", key);
                if (CaptureName.Read(reader, key, keyNode, at) is not (var name, var append))
                {
                    continue;
                }

                var selectorNode = value;
                string? text;
                if (value is YamlMappingNode && values.HasJson)
                {
                    var form = reader.Mapping(value, at, ["json"], "a capture { json: PATH }");
                    if (form.Count != 1)
                    {
                        // An unknown key is already reported; an empty mapping was dropped without a word.
                        if (value is YamlMappingNode { Children.Count: 0 })
                        {
                            reader.Error(at, "expected json: PATH (a capture { json: PATH })", value);
                        }

                        continue;
                    }

                    selectorNode = form[0].Value;
                    text = reader.Text(selectorNode, at + ".json") is { } p ? "json." + p : null;
                }
                else
                {
                    text = reader.Text(value, at, $"a {values.Kind} value ({string.Join(", ", values.Forms.Where(f => f != values.AnyName))})");
                }

                if (text is null)
                {
                    continue;
                }

                var selector = StreamValue.Parse(text, values, forCheck: false, out var error);
                if (selector is null)
                {
                    reader.Error(at, error!, selectorNode);
                    continue;
                }

                templates.Captures.Add(name);
                captures.Add(new StreamCapture(name, append, selector));
            }
        }

        return checks.Count == 0 && captures.Count == 0 ? StreamAssertions.None : new StreamAssertions(checks, captures);
    }

    public Template? Url(YamlNode node, string path, string example)
    {
        var url = templates.Parse(node, path, $"a URL such as {example}");
        if (url is not null && url.ToString().Length == 0)
        {
            reader.Error(path, $"expected a URL such as {example}, found nothing", node);
            return null;
        }

        return url;
    }

    public HttpMethod? Method(YamlNode node, string path)
    {
        var method = reader.Text(node, path)?.ToUpperInvariant();
        if (method is null)
        {
            return null;
        }

        if (method.Length == 0 || !method.All(char.IsAsciiLetter))
        {
            reader.Error(path, "expected an HTTP method such as GET or POST", node);
            return null;
        }

        return new HttpMethod(method);
    }

    /// <summary>The <c>name</c> tag: as written, else the URL's template text when it has <c>{{ }}</c> (one series, not one per value).</summary>
    public string? Name(Dictionary<string, YamlNode> get, string path, Template? url) =>
        get.TryGetValue("name", out var n) ? reader.Text(n, path + ".name") : url is { IsConstant: false } ? url.ToString() : null;

    public List<KeyValuePair<string, Template>> Headers(Dictionary<string, YamlNode> get, string path) =>
        get.TryGetValue("headers", out var h) ? flows.Pairs(h, path + ".headers", "headers") : [];

    public TimeSpan? Time(Dictionary<string, YamlNode> get, string path, string key) =>
        get.TryGetValue(key, out var node) ? reader.Duration(node, PlanReader.Join(path, key), allowZero: false) : null;

    public bool Abort(Dictionary<string, YamlNode> get, string path) =>
        get.TryGetValue("abortIterationOnFail", out var a) && reader.Bool(a, path + ".abortIterationOnFail") == true;
}

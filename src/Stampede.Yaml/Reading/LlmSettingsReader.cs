using Stampede.Protocols.Llm;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads the plan's <c>llm:</c> settings and the <c>prices:</c> that a plan or a step may give.</summary>
internal static class LlmSettingsReader
{
    /// <summary>The plan's top-level <c>llm: { costLimit, prices }</c>.</summary>
    public static LlmDefaults Defaults(PlanReader reader, YamlNode node)
    {
        var get = reader.Mapping(node, "llm", PlanKeys.LlmRoot, "LLM settings { costLimit, prices }").ToDictionary(e => e.Key, e => e.Value);
        var limit = get.TryGetValue("costLimit", out var c) ? reader.Number(c, "llm.costLimit", 0.000001, 1_000_000_000) : null;
        var prices = get.TryGetValue("prices", out var p) ? Prices(reader, p, "llm.prices") : null;
        return new LlmDefaults(limit is { } l ? (decimal)l : null, prices);
    }

    public static List<LlmPrice>? Prices(PlanReader reader, YamlNode node, string path)
    {
        var prices = new List<LlmPrice>();
        var before = reader.Errors.Count;
        foreach (var (model, _, value) in reader.Mapping(node, path, null, "prices per model { model: { input, output } } in dollars per million tokens"))
        {
            var at = PlanReader.Join(path, model);
            var get = reader.Mapping(value, at, PlanKeys.LlmPrice, "a price { input, output } in dollars per million tokens").ToDictionary(e => e.Key, e => e.Value);
            if (value is not YamlMappingNode)
            {
                continue;
            }

            var input = get.TryGetValue("input", out var i) ? reader.Number(i, at + ".input", 0, 1_000_000) : 0;
            var output = get.TryGetValue("output", out var o) ? reader.Number(o, at + ".output", 0, 1_000_000) : 0;
            if (input is not null && output is not null)
            {
                prices.Add(new LlmPrice(model, (decimal)input.Value, (decimal)output.Value));
            }
        }

        return reader.Errors.Count > before ? null : prices;
    }
}

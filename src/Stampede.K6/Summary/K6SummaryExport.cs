using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stampede.K6.Summary;

/// <summary>
/// The file k6 writes for <c>--summary-export</c> (its format since v0.30): the <c>data</c> object without
/// <c>options</c> and <c>state</c>, each metric flattened to its values, groups and checks keyed by name, a rate's
/// <c>rate</c> renamed <c>value</c>, and each threshold mapped to whether it <em>failed</em> (true = failed), which
/// is the reverse of the data object's <c>ok</c>.
/// </summary>
internal static class K6SummaryExport
{
    // As JSON.stringify(…, null, 4) writes it: four spaces, \n on every machine, and text such as "µs" or "<" left as it is.
    private static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The export of a data object made by <see cref="K6SummaryData.From"/>.</summary>
    public static string From(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var export = new JsonObject();
        if (data["root_group"] is JsonObject root)
        {
            export["root_group"] = Group(root);
        }

        var metrics = new JsonObject();
        if (data["metrics"] is JsonObject dataMetrics)
        {
            foreach (var (name, node) in dataMetrics)
            {
                if (node is JsonObject metric)
                {
                    metrics[name] = Metric(metric);
                }
            }
        }

        export["metrics"] = metrics;
        if (data["setup_data"] is { } setup)
        {
            export["setup_data"] = setup.DeepClone();
        }

        return export.ToJsonString(Written);
    }

    private static JsonObject Metric(JsonObject metric)
    {
        var values = metric["values"] is JsonObject dataValues ? dataValues.DeepClone().AsObject() : [];
        if (metric["thresholds"] is JsonObject { Count: > 0 } thresholds)
        {
            var failed = new JsonObject();
            foreach (var (expression, threshold) in thresholds)
            {
                failed[expression] = threshold?["ok"]?.GetValue<bool>() != true;
            }

            values["thresholds"] = failed;
        }

        if ((string?)metric["type"] == "rate" && values.Remove("rate", out var rate))
        {
            values["value"] = rate;
        }

        return values;
    }

    private static JsonObject Group(JsonObject group)
    {
        var copy = new JsonObject();
        foreach (var (key, node) in group)
        {
            copy[key] = key switch
            {
                "groups" when node is JsonArray groups => ByName(groups, g => Group(g)),
                "checks" when node is JsonArray checks => ByName(checks, c => c.DeepClone().AsObject()),
                _ => node?.DeepClone(),
            };
        }

        return copy;
    }

    private static JsonObject ByName(JsonArray items, Func<JsonObject, JsonObject> convert)
    {
        var byName = new JsonObject();
        foreach (var item in items.OfType<JsonObject>())
        {
            byName[(string?)item["name"] ?? ""] = convert(item);
        }

        return byName;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stampede.K6.Summary;

/// <summary>
/// What the embedded <c>k6-summary.js</c> module calls: the runtime binds <see cref="Text"/> to the global
/// <c>__stampede_textSummary</c> and <see cref="JUnit"/> to <c>__stampede_junit</c>, so a script's
/// <c>textSummary(data, options)</c> and <c>jUnit(data, options)</c> are laid out here, in C#, from the data
/// object as JSON (the script may have changed it).
/// </summary>
internal static class K6SummaryHost
{
    /// <summary>The name of the embedded module's resource.</summary>
    public const string ModuleResourceName = "Stampede.K6.k6-summary.js";

    /// <summary>The global the module calls for <c>textSummary</c>.</summary>
    public const string TextSummaryGlobal = "__stampede_textSummary";

    /// <summary>The global the module calls for <c>jUnit</c>.</summary>
    public const string JUnitGlobal = "__stampede_junit";

    /// <summary>The module's source, as the runtime serves it for the k6-summary jslib's import.</summary>
    public static string ModuleSource { get; } = ReadModule();

    /// <summary>
    /// <c>textSummary(data, options)</c>: options as the jslib takes them (<c>indent</c>, <c>enableColors</c>, and
    /// <c>summaryTimeUnit</c>/<c>summaryTrendStats</c> over the data's own); members of the wrong type are ignored.
    /// </summary>
    public static string Text(string dataJson, string? optionsJson)
    {
        var options = Options(optionsJson);
        return TextSummary.Render(Data(dataJson), new TextSummaryOptions(
            Indent: String(options, "indent"),
            EnableColors: options?["enableColors"] is JsonValue colors && colors.TryGetValue(out bool on) ? on : null,
            SummaryTimeUnit: String(options, "summaryTimeUnit"),
            SummaryTrendStats: options?["summaryTrendStats"] is JsonArray stats
                ? [.. stats.Select(s => s is JsonValue v && v.TryGetValue(out string? stat) ? stat : "")]
                : null));
    }

    /// <summary><c>jUnit(data, options)</c>: options <c>name</c> (the suite) and <c>classname</c> (every case).</summary>
    public static string JUnit(string dataJson, string? optionsJson)
    {
        var options = Options(optionsJson);
        return JUnitSummary.Render(Data(dataJson), String(options, "name"), String(options, "classname"));
    }

    private static JsonObject Data(string dataJson) =>
        JsonNode.Parse(dataJson) as JsonObject ?? throw new ArgumentException("the summary data must be an object", nameof(dataJson));

    // JSON.stringify(undefined) reaches here as null or "undefined"; either means no options.
    private static JsonObject? Options(string? optionsJson)
    {
        if (string.IsNullOrWhiteSpace(optionsJson) || optionsJson == "undefined")
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(optionsJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonObject? options, string key) =>
        options?[key] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static string ReadModule()
    {
        using var stream = typeof(K6SummaryHost).Assembly.GetManifestResourceStream(ModuleResourceName)
            ?? throw new InvalidOperationException($"the resource {ModuleResourceName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

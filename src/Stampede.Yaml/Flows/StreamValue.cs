using System.Text.Json;
using Stampede.Protocols;

namespace Stampede.Yaml.Flows;

/// <summary>
/// One value of a streaming step, read by a check or a capture: a named figure, <c>json.PATH</c> of the last event or
/// message, or (checks only) the any-event selector, which passes when any event or message matches.
/// </summary>
internal sealed class StreamValue
{
    private readonly JsonPath? _path;

    private StreamValue(string text, string? name, JsonPath? path, bool any, bool isDuration)
    {
        Text = text;
        Name = name;
        _path = path;
        IsAny = any;
        IsDuration = isDuration;
    }

    public string Text { get; }

    /// <summary>The named figure read, or null for <c>json.PATH</c> and the any-event selector.</summary>
    public string? Name { get; }

    /// <summary>True for the selector that tests every event or message (<c>event</c>, <c>message</c>).</summary>
    public bool IsAny { get; }

    /// <summary>The value is a time in ms: expectations may carry units (<c>&lt;2s</c>).</summary>
    public bool IsDuration { get; }

    public static StreamValue? Parse(string text, StreamValues values, bool forCheck, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (values.Names.Contains(trimmed))
        {
            return new StreamValue(trimmed, trimmed, null, false, values.Durations.Contains(trimmed));
        }

        if (forCheck && trimmed == values.AnyName)
        {
            return new StreamValue(trimmed, null, null, true, false);
        }

        if (values.HasJson && trimmed.StartsWith("json.", StringComparison.Ordinal) && trimmed.Length > "json.".Length)
        {
            return JsonPath.TryParse(trimmed, "json".Length, out var path, out error) ? new StreamValue(trimmed, null, path, false, false) : null;
        }

        var forms = values.Forms.Where(f => forCheck || f != values.AnyName).ToList();
        var suggestion = Plans.NameSuggestion.Closest(trimmed.Split('.')[0], forms.Select(f => f.Split('.')[0]));
        error = $"unknown {values.Kind} value '{trimmed}': expected {string.Join(", ", forms)}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
        return null;
    }

    /// <summary>Reads the value; <paramref name="found"/> is false when the step has no such thing (no error, no events, not JSON).</summary>
    public object? Read(StreamOutcome outcome, out bool found)
    {
        if (Name is not null)
        {
            found = outcome.Values.TryGetValue(Name, out var value) && value is not null;
            return value;
        }

        found = false;
        if (outcome.Items.Count == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(outcome.Items[^1]);
            if (_path!.TryGet(document.RootElement, out var element))
            {
                found = true;
                return element.Clone();
            }
        }
        catch (JsonException)
        {
            // not JSON: the path finds nothing
        }

        return null;
    }

    /// <summary>For the any-event selector: true when some event or message passes <paramref name="matcher"/>.</summary>
    public bool TestAny(StreamOutcome outcome, ValueMatcher matcher) => outcome.Items.Exists(item => matcher.Test(item, true));
}

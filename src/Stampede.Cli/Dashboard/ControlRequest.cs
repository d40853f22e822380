using System.Globalization;
using System.Text.Json;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// One control action, as the dashboard's page and <c>stampede control</c> send it to <c>POST /api/control</c>:
/// <c>{"action":"stop"}</c>, <c>{"action":"vus","vus":200,"ramp":20}</c>, <c>{"action":"rate","rate":50}</c>,
/// <c>{"action":"pause"}</c>, <c>{"action":"resume"}</c>, and before a <c>stampede ui</c> run
/// <c>{"action":"start","vus":10,"duration":"30s"}</c>.
/// </summary>
internal sealed record ControlRequest(string Action, int? Vus = null, double? Ramp = null, double? Rate = null, string? Duration = null)
{
    public const string Stop = "stop";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string SetVus = "vus";
    public const string SetRate = "rate";
    public const string Start = "start";

    /// <summary>The request, or why the body is not one.</summary>
    public static ControlRequest? Parse(ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String)
            {
                error = "expected a JSON object with \"action\": stop, pause, resume, vus, rate or start";
                return null;
            }

            var request = new ControlRequest(action.GetString()!, Int(root, "vus"), Double(root, "ramp"), Double(root, "rate"), String(root, "duration"));
            if (request.Action is not (Stop or Pause or Resume or SetVus or SetRate or Start))
            {
                error = $"unknown action '{request.Action}': expected stop, pause, resume, vus, rate or start";
                return null;
            }

            return request;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            error = $"expected a JSON object with \"action\": {exception.Message}";
            return null;
        }
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("action", Action);
            if (Vus is { } vus)
            {
                json.WriteNumber("vus", vus);
            }

            if (Ramp is { } ramp)
            {
                json.WriteNumber("ramp", ramp);
            }

            if (Rate is { } rate)
            {
                json.WriteNumber("rate", rate);
            }

            if (Duration is { } duration)
            {
                json.WriteString("duration", duration);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= 0 and <= int.MaxValue
                ? (int)d
                : throw new FormatException($"\"{name}\" must be a whole number of at least 0")
            : null;

    private static double? Double(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.Number && value.GetDouble() is var d && d >= 0 && double.IsFinite(d)
                ? d
                : throw new FormatException($"\"{name}\" must be a number of at least 0")
            : null;

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText().ToString(CultureInfo.InvariantCulture)
            : null;
}

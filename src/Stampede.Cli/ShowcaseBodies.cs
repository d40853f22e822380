using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stampede.Cli;

/// <summary>The request bodies of <see cref="ShowcasePlan"/>, with source-generated JSON (web defaults) so the demo runs under NativeAOT.</summary>
internal static class ShowcaseBodies
{
    public static ShowcaseJsonContext Json => ShowcaseJsonContext.Default;

    internal sealed record NewMission(string Name, string Prompt, string Backend);

    internal sealed record Message(string Role, string Content);

    internal sealed record Completion(string Model, Message[] Messages);

    internal sealed record ChatMessage(string Message);
}

/// <summary>Source-generated metadata for <see cref="ShowcaseBodies"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ShowcaseBodies.NewMission))]
[JsonSerializable(typeof(ShowcaseBodies.Completion))]
[JsonSerializable(typeof(ShowcaseBodies.ChatMessage))]
internal sealed partial class ShowcaseJsonContext : JsonSerializerContext;

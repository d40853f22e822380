namespace Stampede.DemoTarget.Missions;

/// <summary>A read-only document of the spec catalogue.</summary>
internal sealed record Spec(string Id, string Title, string[] Tags, string Body);

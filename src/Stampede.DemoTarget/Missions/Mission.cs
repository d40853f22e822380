namespace Stampede.DemoTarget.Missions;

/// <summary>A mission, the resource of the demo CRUD API.</summary>
internal sealed record Mission(long Id, string Name, string Status, int Priority, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

namespace Stampede.DemoTarget.Missions;

/// <summary>What a client sends to create or replace a mission.</summary>
internal sealed record MissionInput(string? Name, string? Status, int? Priority, string? Description);

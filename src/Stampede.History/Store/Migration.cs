namespace Stampede.History.Store;

/// <summary>One schema step: applied once, in order of <see cref="Version"/>, recorded in <c>schema_version</c>.</summary>
internal sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);

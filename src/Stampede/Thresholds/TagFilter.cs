namespace Stampede.Thresholds;

/// <summary>One <c>key:value</c> condition of a submetric: a sample counts only if its tag <see cref="Key"/> equals <see cref="Value"/>.</summary>
internal sealed record TagFilter(string Key, string Value);

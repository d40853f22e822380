using Stampede.Plans;

namespace Stampede.K6.Conversion;

/// <summary>The YAML plan a k6 script became, what it left out, or why it could not be read at all.</summary>
internal sealed record K6Conversion(string? Yaml, IReadOnlyList<ConversionNote> Notes, IReadOnlyList<PlanError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

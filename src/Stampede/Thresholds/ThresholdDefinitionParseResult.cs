using System.Diagnostics.CodeAnalysis;

namespace Stampede.Thresholds;

/// <summary>Either a definition, or every problem found in it.</summary>
internal sealed class ThresholdDefinitionParseResult
{
    private ThresholdDefinitionParseResult(ThresholdDefinition? definition, IReadOnlyList<ThresholdDefinitionError> errors)
    {
        Definition = definition;
        Errors = errors;
    }

    public ThresholdDefinition? Definition { get; }

    public IReadOnlyList<ThresholdDefinitionError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Definition))]
    public bool Succeeded => Definition is not null;

    public static ThresholdDefinitionParseResult Success(ThresholdDefinition definition) => new(definition, []);

    public static ThresholdDefinitionParseResult Failure(IReadOnlyList<ThresholdDefinitionError> errors) => new(null, errors);
}

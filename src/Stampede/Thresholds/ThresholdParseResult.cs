using System.Diagnostics.CodeAnalysis;

namespace Stampede.Thresholds;

/// <summary>Either a parsed value or the first syntax error; parsing user input never throws.</summary>
internal sealed class ThresholdParseResult<T>
    where T : class
{
    private ThresholdParseResult(T? value, ThresholdSyntaxError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ThresholdSyntaxError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;

    public static ThresholdParseResult<T> Success(T value) => new(value, null);

    public static ThresholdParseResult<T> Failure(string message, int column) => new(null, new ThresholdSyntaxError(message, column));
}

namespace Stampede.Thresholds;

/// <summary>Spelling and meaning of comparison operators.</summary>
internal static class ComparisonOperatorExtensions
{
    public const string Expected = "<, <=, >, >=, ==, !=";

    public static string Symbol(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>
    /// Exact IEEE comparison, no tolerance: k6 compares float64s the same way, so <c>avg==0.3</c> fails for an average
    /// of 0.30000000000000004. Callers treat NaN as "no data" before they get here.
    /// </summary>
    public static bool Holds(this ComparisonOperator op, double observed, double threshold) => op switch
    {
        ComparisonOperator.LessThan => observed < threshold,
        ComparisonOperator.LessThanOrEqual => observed <= threshold,
        ComparisonOperator.GreaterThan => observed > threshold,
        ComparisonOperator.GreaterThanOrEqual => observed >= threshold,
        ComparisonOperator.Equal => observed == threshold,
        ComparisonOperator.NotEqual => observed != threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}

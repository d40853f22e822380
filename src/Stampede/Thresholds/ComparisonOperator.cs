namespace Stampede.Thresholds;

/// <summary>How a threshold compares the observed statistic with its value.</summary>
internal enum ComparisonOperator
{
    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>==</c> (k6 also accepts <c>===</c>).</summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,
}

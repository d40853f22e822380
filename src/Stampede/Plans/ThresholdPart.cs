namespace Stampede.Plans;

/// <summary>The part of a threshold a problem is about, so a front end can point at the text it read that part from.</summary>
internal enum ThresholdPart
{
    /// <summary>The metric selector, with its tag filter.</summary>
    Selector,

    /// <summary>The expression, such as <c>p(95)&lt;500</c>.</summary>
    Expression,

    /// <summary>How long aborting waits.</summary>
    DelayAbortEval,
}
